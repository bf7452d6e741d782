import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { AllianceTasksQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { timeRange, useSkillNames } from '../tasks/task-parts';
import { PAGE_SIZE, ReasonDialog, TaskFlags } from './org-task-parts';

const ALLIANCE_TASKS = graphql(`
  query AllianceTasks($first: Int, $after: String) {
    allianceTasks(first: $first, after: $after) {
      edges {
        node {
          id title organisationName startsAt endsAt regionCode skills slots placesTaken waitlistLength needsApproval involvesMinor homeVisit discloses
          pendingHandover { id status toOrganisationName }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const REQUEST_HANDOVER = graphql(`
  mutation RequestTaskHandover($input: RequestHandoverInput!) {
    requestTaskHandover(input: $input) { id status answerBy }
  }
`);

type Row = AllianceTasksQuery['allianceTasks']['edges'][number]['node'];

/**
 * "Offer to take over": a reason the holder reads. A task that discloses someone's data stays with the
 * organisation holding their case, so the button says why it is not offered rather than failing later.
 */
export function OfferToTakeOver({ task }: { task: { id: string; title: string; organisationName: string; discloses: string[]; pendingHandover?: { id: string } | null } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [request] = useMutation(REQUEST_HANDOVER, { refetchQueries: ['AllianceTasks', 'TaskHandovers', 'OrgTask'], awaitRefetchQueries: true });
  const [asking, setAsking] = useState(false);
  if (task.pendingHandover) return <Tag color="blue" data-testid="handover-pending">{t('orgTasks.alliance.pending')}</Tag>;
  if (task.discloses.length > 0) {
    return (
      <Tooltip title={t('orgTasks.alliance.disclosesWhy')}>
        <Button disabled data-testid="offer-takeover">{t('orgTasks.alliance.offer')}</Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button onClick={() => setAsking(true)} data-testid="offer-takeover">{t('orgTasks.alliance.offer')}</Button>
      {asking && (
        <ReasonDialog
          title={t('orgTasks.alliance.offerTitle', { title: task.title })}
          explain={t('orgTasks.alliance.offerExplain', { organisation: task.organisationName })}
          label={t('orgTasks.alliance.offerReason')}
          submitText={t('orgTasks.alliance.offerSubmit')}
          testId="offer-takeover"
          onCancel={() => setAsking(false)}
          onSubmit={async (reason) => {
            await request({ variables: { input: { taskId: task.id, reason } } });
            void message.success(t('orgTasks.alliance.offered', { organisation: task.organisationName }));
            setAsking(false);
          }}
        />
      )}
    </>
  );
}

/** Other organisations' open tasks ahead, newest first: work this organisation could take on. */
export function AllianceTasks() {
  const { t, i18n } = useTranslation();
  const skillName = useSkillNames();
  const variables = { first: PAGE_SIZE };
  const { data, loading, error, fetchMore } = useQuery(ALLIANCE_TASKS, { variables });
  const rows = data?.allianceTasks.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.allianceTasks.pageInfo;

  const item = (row: Row) => (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="alliance-task-row" data-id={row.id}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Link to={`/org-tasks/${row.id}`}><Typography.Text strong data-testid="alliance-task-title">{row.title}</Typography.Text></Link>
        <Typography.Text>{row.organisationName}</Typography.Text>
        <Typography.Text type="secondary">{timeRange(row.startsAt, row.endsAt, i18n.resolvedLanguage)} · {regionName(t, row.regionCode)}</Typography.Text>
        <Typography.Text>
          {t('orgTasks.list.places', { taken: row.placesTaken, slots: row.slots })}
          {row.waitlistLength > 0 && ` · ${t('orgTasks.list.waitlist', { count: row.waitlistLength })}`}
        </Typography.Text>
        <Space size={4} wrap>
          {row.skills.map((s) => <Tag key={s}>{skillName(s)}</Tag>)}
          <TaskFlags task={row} />
        </Space>
        <div><OfferToTakeOver task={row} /></div>
      </Space>
    </Card>
  );

  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('orgTasks.alliance.explain')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      <List
        loading={loading && !data}
        dataSource={rows}
        locale={{ emptyText: t('orgTasks.alliance.empty') }}
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3 }}
        renderItem={(row) => <List.Item style={{ marginBottom: 0 }}>{item(row)}</List.Item>}
      />
      {pageInfo?.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { ...variables, after: pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
