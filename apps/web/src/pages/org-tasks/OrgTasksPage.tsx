import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, List, Result, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { OrganisationTasksQuery, TaskStatus } from '../../gql/graphql';
import { regionName } from '../../regions';
import { useActing } from '../../session/SessionProvider';
import { timeRange } from '../tasks/task-parts';
import { AllianceTasks } from './AllianceTasks';
import { HandoverList } from './HandoverList';
import { PAGE_SIZE, PlainButtons, TASK_ROLES } from './org-task-parts';

const ORGANISATION_TASKS = graphql(`
  query OrganisationTasks($first: Int, $after: String, $status: [TaskStatus!]) {
    organisationTasks(first: $first, after: $after, status: $status) {
      edges {
        node {
          id title startsAt endsAt regionCode slots placesTaken waitlistLength needsApproval involvesMinor homeVisit needsCover status
          pendingHandover { id status }
          claims { id status }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const TABS = ['ours', 'incoming', 'outgoing', 'alliance'] as const;
type TabKey = (typeof TABS)[number];
const STATUSES: TaskStatus[] = ['OPEN', 'COMPLETED', 'CANCELLED'];
type Row = OrganisationTasksQuery['organisationTasks']['edges'][number]['node'];

/**
 * The organisation's volunteer tasks: its own (with what needs doing on each — claims to approve, a place
 * to cover, a hand-over to answer), the hand-overs it was asked and asked for, and other organisations'
 * open tasks it may offer to take over.
 */
export function OrgTasksPage() {
  const { t } = useTranslation();
  const acting = useActing();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'ours';

  if (!acting || !TASK_ROLES.includes(acting.role)) {
    return <Result status="403" title={t('orgTasks.list.notForRole')} />;
  }

  const content = (key: TabKey) => {
    if (key !== tab) return null;
    if (key === 'ours') return <OurTasks />;
    if (key === 'incoming') return <HandoverList direction="INCOMING" />;
    if (key === 'outgoing') return <HandoverList direction="OUTGOING" />;
    return <AllianceTasks />;
  };

  return (
    <PlainButtons>
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('orgTasks.title')}</Typography.Title>
        <Link to="/org-tasks/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="post-task">{t('orgTasks.list.post')}</Button>
        </Link>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'ours' ? {} : { tab: key }, { replace: true })}
        items={TABS.map((key) => ({ key, label: <span data-testid={`org-tasks-tab-${key}`}>{t(`orgTasks.tabs.${key}`)}</span>, children: content(key) }))}
      />
    </div>
    </PlainButtons>
  );
}

/** What a task waits for from the organisation, as tags: claims to approve, a place to cover, a hand-over to answer. */
function Needs({ row }: { row: Row }) {
  const { t } = useTranslation();
  const pending = row.claims.filter((c) => c.status === 'PENDING').length;
  return (
    <Space size={4} wrap>
      {row.needsApproval && <Tag>{t('orgTasks.flags.needsApproval')}</Tag>}
      {pending > 0 && <Tag color="gold" data-testid="tag-pending-claims">{t('orgTasks.list.pendingClaims', { count: pending })}</Tag>}
      {row.needsCover && <Tag color="red" data-testid="tag-needs-cover">{t('orgTasks.list.needsCover')}</Tag>}
      {row.pendingHandover && <Tag color="blue" data-testid="tag-pending-handover">{t('orgTasks.list.pendingHandover')}</Tag>}
    </Space>
  );
}

function OurTasks() {
  const { t, i18n } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const status: TaskStatus = STATUSES.includes(params.get('status') as TaskStatus) ? (params.get('status') as TaskStatus) : 'OPEN';
  const variables = { first: PAGE_SIZE, status: [status] };
  const { data, loading, error, fetchMore } = useQuery(ORGANISATION_TASKS, { variables });
  const rows = data?.organisationTasks.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.organisationTasks.pageInfo;

  const title = (row: Row) => <Link to={`/org-tasks/${row.id}`} data-testid="org-task-title">{row.title}</Link>;
  const when = (row: Row) => timeRange(row.startsAt, row.endsAt, i18n.resolvedLanguage);
  const places = (row: Row) => t('orgTasks.list.places', { taken: row.placesTaken, slots: row.slots });
  const waitlist = (row: Row) => (row.waitlistLength > 0 ? t('orgTasks.list.waitlist', { count: row.waitlistLength }) : '');

  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Segmented<TaskStatus>
        aria-label={t('orgTasks.list.statusFilter')}
        data-testid="org-tasks-status"
        value={status}
        onChange={(v) => setParams(v === 'OPEN' ? {} : { status: v }, { replace: true })}
        options={STATUSES.map((s) => ({ value: s, label: t(`orgTasks.list.statuses.${s}`) }))}
      />
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      {phone ? (
        <List
          loading={loading && !data}
          dataSource={rows}
          locale={{ emptyText: t(`orgTasks.list.empty.${status}`) }}
          renderItem={(row) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="org-task-row" data-id={row.id}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>{title(row)}</Typography.Text>
                <Typography.Text type="secondary">{when(row)} · {regionName(t, row.regionCode)}</Typography.Text>
                <Typography.Text>{places(row)}{waitlist(row) && ` · ${waitlist(row)}`}</Typography.Text>
                <Needs row={row} />
              </Space>
            </Card>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="id"
          loading={loading && !data}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t(`orgTasks.list.empty.${status}`) }}
          onRow={(row) => ({ 'data-testid': 'org-task-row', 'data-id': row.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('orgTasks.fields.title'), key: 'title', render: (_, row) => title(row) },
            { title: t('orgTasks.fields.when'), key: 'when', render: (_, row) => when(row) },
            { title: t('orgTasks.fields.region'), key: 'region', render: (_, row) => regionName(t, row.regionCode) },
            { title: t('orgTasks.fields.places'), key: 'places', render: (_, row) => places(row) },
            { title: t('orgTasks.fields.waitlist'), key: 'waitlist', render: (_, row) => row.waitlistLength },
            { title: t('orgTasks.list.attention'), key: 'needs', render: (_, row) => <Needs row={row} /> },
          ]}
        />
      )}
      {pageInfo?.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { ...variables, after: pageInfo.endCursor } })} data-testid="load-more">{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
