import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, List, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { dateTime } from '../../dates';
import { errorText } from '../../errors';
import { graphql } from '../../gql';
import type { HandoverDirection, HandoverStatus, TaskHandoversQuery } from '../../gql/graphql';
import { regionName } from '../../regions';
import { timeRange } from '../tasks/task-parts';
import { orgTaskError, PAGE_SIZE, ReasonDialog } from './org-task-parts';

const TASK_HANDOVERS = graphql(`
  query TaskHandovers($direction: HandoverDirection!, $status: [HandoverStatus!], $first: Int, $after: String) {
    taskHandovers(direction: $direction, status: $status, first: $first, after: $after) {
      edges {
        node {
          id taskId status reason answerReason answerBy answeredAt automatic createdAt fromOrganisationId fromOrganisationName toOrganisationName
          task { id title startsAt endsAt regionCode status }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const ANSWER = graphql(`
  mutation AnswerTaskHandover($input: AnswerHandoverInput!) {
    answerTaskHandover(input: $input) { id status answerReason answeredAt automatic }
  }
`);

const WITHDRAW = graphql(`
  mutation WithdrawTaskHandover($id: ID!) { withdrawTaskHandover(id: $id) { id status answeredAt } }
`);

type Handover = TaskHandoversQuery['taskHandovers']['edges'][number]['node'];
const VIEWS = ['waiting', 'all'] as const;
type View = (typeof VIEWS)[number];
/** What the lists and the task's page show after a hand-over moved. */
const AFTER_HANDOVER = ['TaskHandovers', 'OrganisationTasks', 'AllianceTasks', 'OrgTask'];

const STATUS_COLOUR: Record<HandoverStatus, string> = { REQUESTED: 'gold', APPROVED: 'green', DECLINED: 'red', WITHDRAWN: 'default', LAPSED: 'default' };

export function HandoverStatusTag({ status, automatic }: { status: HandoverStatus; automatic?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="handover-status" data-status={status}>
      {t(`orgTasks.handover.status.${status}`)}{automatic ? t('orgTasks.handover.automatic') : ''}
    </Tag>
  );
}

/** The holder's answer to an offer to take over its task: approve (the task moves), or decline with a reason the asker reads. */
export function HandoverAnswer({ handover }: { handover: { id: string; toOrganisationName: string } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [answer, { loading }] = useMutation(ANSWER, { refetchQueries: AFTER_HANDOVER, awaitRefetchQueries: true });
  const [declining, setDeclining] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const approve = async () => {
    setProblem(null);
    try {
      await answer({ variables: { input: { handoverId: handover.id, approve: true } } });
      void message.success(t('orgTasks.handover.approved', { organisation: handover.toOrganisationName }));
    } catch (e) {
      setProblem(orgTaskError(t, e));
    }
  };
  return (
    <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)', justifyItems: 'start' }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="handover-error" />}
      <Space wrap>
        <Popconfirm
          title={t('orgTasks.handover.approveConfirm', { organisation: handover.toOrganisationName })}
          okText={t('members.confirm')}
          cancelText={t('members.cancel')}
          onConfirm={approve}
        >
          <Button type="primary" loading={loading} data-testid="handover-approve">{t('orgTasks.handover.approve')}</Button>
        </Popconfirm>
        <Button danger onClick={() => setDeclining(true)} data-testid="handover-decline">{t('orgTasks.handover.decline')}</Button>
      </Space>
      {declining && (
        <ReasonDialog
          title={t('orgTasks.handover.declineTitle')}
          explain={t('orgTasks.handover.declineExplain', { organisation: handover.toOrganisationName })}
          label={t('orgTasks.handover.declineReason')}
          submitText={t('orgTasks.handover.decline')}
          danger
          testId="handover-decline"
          onCancel={() => setDeclining(false)}
          onSubmit={async (reason) => {
            await answer({ variables: { input: { handoverId: handover.id, approve: false, reason } } });
            void message.success(t('orgTasks.handover.declined'));
            setDeclining(false);
          }}
        />
      )}
    </div>
  );
}

/** The asking organisation takes back an offer not yet answered. */
export function HandoverWithdraw({ handover }: { handover: { id: string } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [withdraw, { loading }] = useMutation(WITHDRAW, { refetchQueries: AFTER_HANDOVER, awaitRefetchQueries: true });
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'minmax(0, 1fr)', justifyItems: 'start' }}>
      {problem && <Alert type="error" showIcon role="alert" title={problem} data-testid="handover-error" />}
      <Popconfirm
        title={t('orgTasks.handover.withdrawConfirm')}
        okText={t('members.confirm')}
        cancelText={t('members.cancel')}
        onConfirm={async () => {
          setProblem(null);
          try {
            await withdraw({ variables: { id: handover.id } });
            void message.success(t('orgTasks.handover.withdrawn'));
          } catch (e) {
            setProblem(orgTaskError(t, e));
          }
        }}
      >
        <Button loading={loading} data-testid="handover-withdraw">{t('orgTasks.handover.withdraw')}</Button>
      </Popconfirm>
    </div>
  );
}

/** The task a hand-over is about: its title (to its page) and time, or a note that it cannot be read any more. */
function HandoverTask({ task }: { task: Handover['task'] }) {
  const { t, i18n } = useTranslation();
  if (!task) return <Typography.Text type="secondary">{t('orgTasks.handover.taskGone')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Link to={`/org-tasks/${task.id}`} data-testid="handover-task"><Typography.Text strong>{task.title}</Typography.Text></Link>
      <Typography.Text type="secondary">{timeRange(task.startsAt, task.endsAt, i18n.resolvedLanguage)} · {regionName(t, task.regionCode)}</Typography.Text>
    </Space>
  );
}

/**
 * Hand-overs: INCOMING — other organisations offer to take our tasks, answered here before the deadline or
 * approved by themselves; OUTGOING — our offers to take theirs, withdrawn here while unanswered.
 */
export function HandoverList({ direction }: { direction: HandoverDirection }) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('waiting');
  const variables = { direction, first: PAGE_SIZE, ...(view === 'waiting' ? { status: ['REQUESTED' as HandoverStatus] } : {}) };
  const { data, loading, error, fetchMore } = useQuery(TASK_HANDOVERS, { variables });
  const rows = data?.taskHandovers.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.taskHandovers.pageInfo;
  const incoming = direction === 'INCOMING';
  const when = (iso: string | null | undefined) => dateTime(iso, i18n.resolvedLanguage);

  const item = (h: Handover) => (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="handover-row" data-id={h.id} data-status={h.status}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <HandoverTask task={h.task} />
          <HandoverStatusTag status={h.status} automatic={h.automatic} />
        </Space>
        <Typography.Text>
          {incoming
            ? t('orgTasks.handover.asksToTake', { organisation: h.toOrganisationName })
            : t('orgTasks.handover.weAsked', { organisation: h.fromOrganisationName })}
          <Typography.Text type="secondary"> · {when(h.createdAt)}</Typography.Text>
        </Typography.Text>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="handover-reason">
          <Typography.Text type="secondary">{t('orgTasks.handover.reason')}：</Typography.Text>{h.reason}
        </Typography.Paragraph>
        {h.status === 'REQUESTED' && (
          <Typography.Text type="warning" data-testid="handover-answer-by">
            {incoming ? t('orgTasks.handover.answerBy', { when: when(h.answerBy) }) : t('orgTasks.handover.theyAnswerBy', { when: when(h.answerBy) })}
          </Typography.Text>
        )}
        {h.answerReason && (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="handover-answer-reason">
            <Typography.Text type="secondary">{t('orgTasks.handover.answerReason')}：</Typography.Text>{h.answerReason}
          </Typography.Paragraph>
        )}
        {h.status === 'REQUESTED' && (incoming ? <HandoverAnswer handover={h} /> : <HandoverWithdraw handover={h} />)}
      </Space>
    </Card>
  );

  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t(`orgTasks.handover.explain.${direction}`)}</Typography.Paragraph>
      <Segmented<View>
        aria-label={t('orgTasks.handover.view')}
        value={view}
        onChange={setView}
        options={VIEWS.map((v) => ({ value: v, label: t(`orgTasks.handover.views.${v}`) }))}
      />
      {error && <Alert type="error" showIcon role="alert" title={errorText(t, error)} />}
      <List loading={loading && !data} dataSource={rows} locale={{ emptyText: t(`orgTasks.handover.empty.${direction}`) }} renderItem={item} />
      {pageInfo?.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { ...variables, after: pageInfo.endCursor } })}>{t('members.loadMore')}</Button>
      )}
    </div>
  );
}
