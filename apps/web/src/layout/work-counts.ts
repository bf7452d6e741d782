import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import { useActing } from '../session/SessionProvider';

const WORK_COUNTS = graphql(`
  query WorkCounts($cases: Boolean!, $alerts: Boolean!) {
    inbox: referralsCount(filter: { direction: RECEIVED, status: [REQUESTED] }) @include(if: $cases)
    myCases: casesCount(filter: { assignedToMe: true, status: [OPEN, IN_PROGRESS, ON_HOLD] }) @include(if: $cases)
    toDecide: organisationTasks(first: 100, awaitingDecision: true) @include(if: $cases) { edges { node { id } } }
    alerts: insightAlertsCount(filter: { status: [OPEN] }) @include(if: $alerts)
  }
`);

/** Roles whose menu shows what waits for them (the case, referral and task rules show them these lists). */
const COUNTED_ROLES = ['ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF'];

/**
 * What waits in each section, for the menu's badges: referrals waiting for the organisation's answer, the
 * person's open cases, the organisation's tasks with claims to approve, a coordinator's early warnings to decide. Refreshed live with the rest of
 * the page (RealtimeProvider refetches active queries when an event arrives).
 */
export function useWorkCounts(): Record<string, number> {
  const acting = useActing();
  const counted = acting !== null && acting !== undefined && COUNTED_ROLES.includes(acting.role);
  const { data } = useQuery(WORK_COUNTS, { variables: { cases: counted, alerts: acting?.role === 'COORDINATOR' }, skip: !counted });
  if (!data) return {};
  return { '/referrals': data.inbox ?? 0, '/cases': data.myCases ?? 0, '/org-tasks': data.toDecide?.edges.length ?? 0, '/alerts': data.alerts ?? 0 };
}
