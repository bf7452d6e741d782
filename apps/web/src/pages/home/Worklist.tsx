import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CaseStatusTag, PriorityTag, ReferralStatusTag, UrgencyTag } from '../../components/StatusTags';
import { dateTime } from '../../dates';
import { graphql } from '../../gql';
import { canOpen } from '../../layout/route-access';
import { useActing } from '../../session/SessionProvider';
import { ruleName, SeverityTag } from '../insights/alert-parts';

const WORKLIST = graphql(`
  query Worklist($coordinator: Boolean!) {
    inbox: referrals(first: 100, filter: { direction: RECEIVED, status: [REQUESTED] }) {
      edges { node { id urgency status serviceName senderOrganisationName requestedAt escalatedAt } }
    }
    inboxCount: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] })
    myCases: cases(first: 10, filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) {
      edges { node { id status priority needs person { id fullName } } }
    }
    myCasesCount: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] })
    returned: referrals(first: 10, filter: { direction: SENT, cameBack: true }) {
      edges { node { id status reasonCode serviceName receiverOrganisationName caseId respondedAt endedAt } }
    }
    escalated: referrals(first: 10, filter: { direction: SENT, escalated: true, status: [REQUESTED] }) @include(if: $coordinator) {
      edges { node { id urgency serviceName receiverOrganisationName requestedAt escalatedAt } }
    }
    unassigned: cases(first: 10, filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator) {
      edges { node { id status priority needs person { id fullName } } }
    }
    unassignedCount: casesCount(filter: { unassigned: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $coordinator)
    alerts: insightAlerts(first: 5, filter: { status: [OPEN] }) @include(if: $coordinator) {
      edges { node { id severity subjectType rule { id nameZh nameEn } person { id fullName } } }
    }
    alertsCount: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $coordinator)
    heldCases: casesCount @include(if: $coordinator)
    heldPeople: peopleCount @include(if: $coordinator)
    tasksToday: organisationTasks(first: 20, today: true, status: [OPEN]) {
      edges { node { id title startsAt endsAt placesTaken slots needsCover } }
    }
    toDecide: organisationTasks(first: 20, awaitingDecision: true) {
      edges { node { id title startsAt claims { id status } } }
    }
  }
`);

const SEVERITY_ORDER: Record<string, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
/** A request unanswered this long is reminded (the alliance's default deadline); it is marked "due soon" on the worklist. */
const DUE_SOON_HOURS = 24;

function Section({ title, count, testId, children }: { title: string; count?: number; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={<Space>{title}{count !== undefined && <Badge count={count} showZero color={count > 0 ? '#1677ff' : '#bfbfbf'} />}</Space>} data-testid={testId}>
      {children}
    </Card>
  );
}

/** The next step a case in this status asks of the person working it. */
const NEXT_STEP: Record<string, string> = { OPEN: 'worklist.next.OPEN', IN_PROGRESS: 'worklist.next.IN_PROGRESS', ON_HOLD: 'worklist.next.ON_HOLD' };

/**
 * What needs the person now, refreshed live as events arrive (RealtimeProvider): referrals waiting for
 * their organisation's answer, most urgent and longest waiting first (ordered here among the newest 100:
 * the API lists by record; ordering the inbox in SQL is issue 14's), those due soon marked; their
 * cases with the next step; the organisation's volunteer tasks today and claims to approve; referrals
 * they sent that came back declined or expired; for coordinators, cases nobody works, early warnings to decide and escalations —
 * and, in an office that holds no records itself (a district office), why its lists stay empty.
 */
export function Worklist() {
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const coordinator = acting?.role === 'COORDINATOR';
  const assignable = acting?.role === 'COORDINATOR' || acting?.role === 'CASEWORKER';
  const { data, loading } = useQuery(WORKLIST, { variables: { coordinator } });
  // When the page was opened: "due soon" is judged against it (a refresh after an event re-renders, not re-times).
  const [openedAt] = useState(() => Date.now());
  if (!data) return loading ? <Card loading /> : null;
  // In the inbox's own order, from the API: the most urgent first, then the oldest request (the soonest deadline).
  const inbox = data.inbox.edges.map((e) => e.node);
  const dueSoon = (requestedAt: string | null | undefined) =>
    requestedAt !== null && requestedAt !== undefined && openedAt - new Date(requestedAt).getTime() > DUE_SOON_HOURS * 3_600_000;
  const cases = data.myCases.edges.map((e) => e.node);
  const returned = data.returned.edges.map((e) => e.node);
  const escalated = data.escalated?.edges.map((e) => e.node) ?? [];
  const unassigned = data.unassigned?.edges.map((e) => e.node) ?? [];
  const alerts = (data.alerts?.edges.map((e) => e.node) ?? []).sort((a, b) => (SEVERITY_ORDER[a.severity ?? 'LOW'] ?? 3) - (SEVERITY_ORDER[b.severity ?? 'LOW'] ?? 3));
  const tasksToday = data.tasksToday.edges.map((e) => e.node);
  const toDecide = data.toDecide.edges.map((e) => ({ ...e.node, pending: e.node.claims.filter((c) => c.status === 'PENDING').length }));
  const holdsNothing = coordinator && data.heldCases === 0 && data.heldPeople === 0;
  // A volunteer group's day is its tasks and its volunteers: those lead, and the lists of cases and referrals, which
  // stay empty in a group that registers no one, show only when they hold something.
  const group = acting?.organisation.kind === 'VOLUNTEER_GROUP';
  const shown = (count: number | null | undefined) => !group || (count ?? 0) > 0;
  const taskSection = (tasksToday.length > 0 || toDecide.length > 0 || group) && (
    <Section title={t('worklist.tasks')} count={toDecide.length} testId="worklist-tasks">
      {tasksToday.length === 0 && toDecide.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('worklist.tasksEmpty')} /> : (
        <List size="small" dataSource={[...toDecide.map((task) => ({ task, pending: task.pending })), ...tasksToday.filter((task) => !toDecide.some((d) => d.id === task.id)).map((task) => ({ task, pending: 0 }))]}
          renderItem={({ task, pending }) => (
            <List.Item key={task.id} data-testid="worklist-task">
              <Space wrap>
                <Link to={`/org-tasks/${task.id}`}>{task.title}</Link>
                {pending > 0 && <Tag color="blue">{t('worklist.claimsToApprove', { count: pending })}</Tag>}
                {'needsCover' in task && task.needsCover && <Tag color="orange">{t('worklist.needsCover')}</Tag>}
                {tasksToday.some((today) => today.id === task.id) && <Tag>{t('worklist.today')}</Tag>}
                <Typography.Text type="secondary">{dateTime(task.startsAt, i18n.language)}</Typography.Text>
              </Space>
            </List.Item>
          )} />
      )}
    </Section>
  );
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }} data-testid="worklist">
      {group && holdsNothing && (
        <Alert type="info" showIcon data-testid="worklist-group" message={t('worklist.group.title', { organisation: acting?.organisation.name })}
          description={(
            <div>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{t('worklist.group.why')}</Typography.Paragraph>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {(['org-tasks', 'volunteers', 'members'] as const)
                  .filter((way) => canOpen(`/${way}`, acting))
                  .map((way) => <li key={way}><Link to={`/${way}`}>{t(`worklist.group.${way}`)}</Link></li>)}
              </ul>
            </div>
          )} />
      )}
      {group && taskSection}
      {!group && holdsNothing && (
        <Alert type="info" showIcon data-testid="worklist-no-records" message={t('worklist.noRecords.title', { organisation: acting?.organisation.name })}
          description={(
            <div>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{t('worklist.noRecords.why')}</Typography.Paragraph>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {/* Only the ways on this organisation's coordinators may take (a volunteer group has no region to oversee). */}
                {(['oversight', 'signals', 'register', 'directory', 'members'] as const)
                  .map((way) => ({ way, to: way === 'register' ? '/people/new' : `/${way}` }))
                  .filter(({ to }) => canOpen(to, acting))
                  .map(({ way, to }) => <li key={way}><Link to={to}>{t(`worklist.noRecords.${way}`)}</Link></li>)}
              </ul>
            </div>
          )} />
      )}
      {shown(data.inboxCount) && <Section title={t('worklist.inbox')} count={data.inboxCount} testId="worklist-inbox">
        {inbox.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('worklist.inboxEmpty')} /> : (
          <List size="small" dataSource={inbox} renderItem={(r) => (
            <List.Item key={r.id} data-testid="worklist-inbox-item">
              <Space wrap>
                <Link to={`/referrals/${r.id}`}>{r.serviceName ?? t('worklist.referral')}</Link>
                <Typography.Text type="secondary">{t('worklist.from', { organisation: r.senderOrganisationName })}</Typography.Text>
                <UrgencyTag urgency={r.urgency} />
                {r.escalatedAt ? <Tag color="red">{t('worklist.overdue')}</Tag> : dueSoon(r.requestedAt) && <Tag color="orange">{t('worklist.dueSoon')}</Tag>}
                <Typography.Text type="secondary">{dateTime(r.requestedAt, i18n.language)}</Typography.Text>
              </Space>
            </List.Item>
          )} />
        )}
      </Section>}
      {/* Cases are assigned to caseworkers and coordinators only (libs/cases ASSIGNABLE): no empty promise to the others. */}
      {assignable && shown(data.myCasesCount) && (
        <Section title={t('worklist.myCases')} count={data.myCasesCount} testId="worklist-cases">
          {cases.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('worklist.casesEmpty')} /> : (
            <List size="small" dataSource={cases} renderItem={(c) => (
              <List.Item key={c.id}>
                <Space wrap>
                  <Link to={`/cases/${c.id}`}>{c.person?.fullName ?? t('worklist.case')}</Link>
                  <CaseStatusTag status={c.status} />
                  <PriorityTag priority={c.priority} />
                  {c.status && NEXT_STEP[c.status] && <Typography.Text type="secondary">{t(NEXT_STEP[c.status])}</Typography.Text>}
                </Space>
              </List.Item>
            )} />
          )}
        </Section>
      )}
      {coordinator && shown(data.unassignedCount) && (
        <Section title={t('worklist.unassigned')} count={data.unassignedCount ?? 0} testId="worklist-unassigned">
          {unassigned.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('worklist.unassignedEmpty')} /> : (
            <List size="small" dataSource={unassigned} renderItem={(c) => (
              <List.Item key={c.id}>
                <Space wrap>
                  <Link to={`/cases/${c.id}`}>{c.person?.fullName ?? t('worklist.case')}</Link>
                  <CaseStatusTag status={c.status} />
                  <PriorityTag priority={c.priority} />
                  <Typography.Text type="secondary">{t('worklist.assignSomeone')}</Typography.Text>
                </Space>
              </List.Item>
            )} />
          )}
        </Section>
      )}
      {coordinator && shown(data.alertsCount) && (
        <Section title={t('insights.worklist.title')} count={data.alertsCount ?? 0} testId="worklist-alerts">
          {alerts.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insights.worklist.empty')} /> : (
            <>
              <List size="small" dataSource={alerts} renderItem={(a) => (
                <List.Item key={a.id} data-testid="worklist-alert">
                  <Space wrap>
                    <Link to={`/alerts/${a.id}`}>{a.person?.fullName ?? t(`insights.subjects.${a.subjectType ?? 'Person'}`)}</Link>
                    <SeverityTag severity={a.severity} />
                    <Typography.Text type="secondary">{ruleName(a.rule, i18n.resolvedLanguage)}</Typography.Text>
                  </Space>
                </List.Item>
              )} />
              <Link to="/alerts">{t('insights.worklist.all')}</Link>
            </>
          )}
        </Section>
      )}
      {!group && taskSection}
      {returned.length > 0 && (
        <Section title={t('worklist.returned')} testId="worklist-returned">
          <List size="small" dataSource={returned} renderItem={(r) => (
            <List.Item key={r.id}>
              <Space wrap>
                <Link to={`/referrals/${r.id}`}>{t('worklist.to', { service: r.serviceName ?? '', organisation: r.receiverOrganisationName })}</Link>
                <ReferralStatusTag status={r.status} />
                {r.reasonCode && <Typography.Text type="secondary">{t(`referralReason.${r.reasonCode}`)}</Typography.Text>}
              </Space>
            </List.Item>
          )} />
        </Section>
      )}
      {coordinator && shown(escalated.length) && (
        <Section title={t('worklist.escalated')} count={escalated.length} testId="worklist-escalated">
          {escalated.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('worklist.escalatedEmpty')} /> : (
            <List size="small" dataSource={escalated} renderItem={(r) => (
              <List.Item key={r.id}>
                <Space wrap>
                  <Link to={`/referrals/${r.id}`}>{t('worklist.to', { service: r.serviceName ?? '', organisation: r.receiverOrganisationName })}</Link>
                  <UrgencyTag urgency={r.urgency} />
                  <Typography.Text type="secondary">{dateTime(r.requestedAt, i18n.language)}</Typography.Text>
                </Space>
              </List.Item>
            )} />
          )}
        </Section>
      )}
    </div>
  );
}
