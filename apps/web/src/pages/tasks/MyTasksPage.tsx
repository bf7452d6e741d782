import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Empty, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../dates';
import { graphql } from '../../gql';
import type { MyClaimsQuery } from '../../gql/graphql';
import { ClaimActions } from './ClaimActions';
import { TaskCard } from './TaskCard';
import { ClaimStatusTag, hours, placeText, taskErrorText, useNow } from './task-parts';

const MY_CLAIMS = graphql(`
  query MyClaims($first: Int, $after: String) {
    myClaims(first: $first, after: $after) {
      edges {
        node {
          id status waitlistPosition offeredUntil checkedInAt checkedOutAt minutes hoursConfirmedAt reason reminder report version
          checkInPlace { latitude longitude accuracyMeters }
          task {
            id title organisationName regionCode startsAt endsAt slots placesTaken waitlistLength skills needsApproval involvesMinor homeVisit status cancelledReason
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export type MyClaim = MyClaimsQuery['myClaims']['edges'][number]['node'];
type Task = NonNullable<MyClaim['task']>;
type Placed = MyClaim & { task: Task };

/** Claims that still ask something of the volunteer: places held, offered or awaiting approval, until two hours after the task. */
function isAhead(c: Placed, now: number): boolean {
  return ['HELD', 'PENDING', 'OFFERED'].includes(c.status) && !c.checkedOutAt && new Date(c.task.endsAt).getTime() + 2 * 3600_000 > now;
}

function byStart(a: Placed, b: Placed): number {
  return new Date(a.task.startsAt).getTime() - new Date(b.task.startsAt).getTime();
}

/** "Starts tomorrow", "starts in 40 minutes", "under way": what the claim's time means now. */
export function whenText(t: TFunction, task: { startsAt: string; endsAt: string }, now: number): string | null {
  const start = new Date(task.startsAt).getTime();
  const end = new Date(task.endsAt).getTime();
  if (now >= start && now <= end) return t('tasks.when.underWay');
  if (start <= now) return null;
  const minutes = Math.round((start - now) / 60_000);
  if (minutes < 60) return t('tasks.when.inMinutes', { count: minutes });
  if (minutes < 24 * 60) return t('tasks.when.inHours', { count: Math.round(minutes / 60) });
  return t('tasks.when.inDays', { count: Math.round(minutes / (24 * 60)) });
}

/** What a claim says now (when, reminders, place in line, an offer, hours) and what can be done with it. */
export function ClaimDetails({ claim, withStatus = false }: { claim: Placed; withStatus?: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const when = isAhead(claim, now) ? whenText(t, claim.task, now) : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={6} data-testid="claim-details">
      {withStatus && <div><ClaimStatusTag status={claim.status} /></div>}
      {when && <Typography.Text strong data-testid="claim-when"><BellOutlined /> {when}</Typography.Text>}
      {claim.reminder && isAhead(claim, now) && <Tag icon={<BellOutlined />} color="gold">{t(`tasks.reminder.${claim.reminder}`)}</Tag>}
      {claim.status === 'WAITLISTED' && <Typography.Text data-testid="waitlist-position">{t('tasks.claim.waitlistPosition', { position: claim.waitlistPosition })}</Typography.Text>}
      {claim.status === 'OFFERED' && claim.offeredUntil && (
        <Alert type="warning" showIcon message={t('tasks.claim.offeredUntil', { time: dateTime(claim.offeredUntil, i18n.resolvedLanguage) })} />
      )}
      {claim.status === 'PENDING' && <Typography.Text type="secondary">{t('tasks.claim.pending')}</Typography.Text>}
      {claim.reason && ['DECLINED', 'CANCELLED', 'EXPIRED'].includes(claim.status) && (
        <Typography.Text type="secondary">{t('tasks.claim.reason', { reason: claim.reason })}</Typography.Text>
      )}
      {claim.checkedInAt && (
        <Typography.Text>
          {t('tasks.claim.checkedInAt', { time: dateTime(claim.checkedInAt, i18n.resolvedLanguage) })}
          {claim.checkInPlace && <Typography.Text type="secondary" data-testid="check-in-place"> · {t('tasks.claim.placeKept', { place: placeText(t, claim.checkInPlace) })}</Typography.Text>}
        </Typography.Text>
      )}
      {claim.minutes !== null && claim.minutes !== undefined && (
        <Typography.Text data-testid="claim-hours">
          {claim.hoursConfirmedAt ? t('tasks.claim.hoursConfirmed', { hours: hours(claim.minutes) }) : t('tasks.claim.hoursAwaiting', { hours: hours(claim.minutes) })}
        </Typography.Text>
      )}
      <ClaimActions claim={claim} task={claim.task} />
    </Space>
  );
}

/** One claim in a list: the task, then what the claim says and allows. */
export function ClaimCard({ claim }: { claim: Placed }) {
  return <TaskCard task={claim.task} extra={<ClaimStatusTag status={claim.status} />} footer={<ClaimDetails claim={claim} />} />;
}

function useMyClaims() {
  const query = useQuery(MY_CLAIMS, { variables: { first: 50 } });
  const claims = (query.data?.myClaims.edges.map((e) => e.node) ?? []).filter((c): c is Placed => !!c.task);
  return { ...query, claims };
}

/** On the volunteer's home: the next task they hold or were offered, with its one-thumb action. */
export function NextUp() {
  const { t } = useTranslation();
  const { claims } = useMyClaims();
  const now = useNow();
  const next = claims.filter((c) => isAhead(c, now) && c.status !== 'PENDING').sort(byStart)[0];
  if (!next) return null;
  return (
    <section aria-label={t('tasks.my.nextUp')} data-testid="next-up">
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>{t('tasks.my.nextUp')}</Typography.Title>
      <ClaimCard claim={next} />
    </section>
  );
}

/** The volunteer's claims: what is ahead (with its reminders and actions), where they wait in line, and what is done. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const { claims, loading, data, error, fetchMore } = useMyClaims();
  const now = useNow();
  const ahead = claims.filter((c) => isAhead(c, now)).sort(byStart);
  const waiting = claims.filter((c) => c.status === 'WAITLISTED').sort(byStart);
  const past = claims.filter((c) => !ahead.includes(c) && !waiting.includes(c));
  const list = (items: Placed[], empty: string) => (items.length === 0 ? <Empty description={empty} /> : (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>{items.map((c) => <ClaimCard key={c.id} claim={c} />)}</Space>
  ));
  return (
    <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: 720 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('tasks.my.title')}</Typography.Title>
      {error && <Alert type="error" showIcon message={taskErrorText(t, error)} />}
      {loading && !data ? <Skeleton active /> : (
        <Tabs
          items={[
            { key: 'ahead', label: t('tasks.my.ahead', { count: ahead.length }), children: list(ahead, t('tasks.my.noneAhead')) },
            { key: 'waiting', label: t('tasks.my.waiting', { count: waiting.length }), children: list(waiting, t('tasks.my.noneWaiting')) },
            { key: 'past', label: t('tasks.my.past'), children: list(past, t('tasks.my.nonePast')) },
          ]}
        />
      )}
      {data?.myClaims.pageInfo.hasNextPage && (
        <Button block onClick={() => void fetchMore({ variables: { first: 50, after: data.myClaims.pageInfo.endCursor } })}>{t('tasks.loadMore')}</Button>
      )}
      <Card size="small"><Typography.Text type="secondary">{t('tasks.my.remindersNote')}</Typography.Text></Card>
    </div>
  );
}
