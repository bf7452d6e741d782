import { defineStore } from '@zhulian/core';
import { CLAIM_COLUMNS } from './claim.rules';
import { CheckPlace, TaskClaim } from './claim.type';

/** Where a volunteer checked in or out, as kept in `task_claims` (jsonb; no accuracy when the device gave none). */
export interface StoredPlace {
  latitude: number;
  longitude: number;
  accuracyMeters?: number;
}

const placeFrom = (place: StoredPlace): CheckPlace => ({ ...place, accuracyMeters: place.accuracyMeters ?? null });

export const CLAIMS_FROM = 'FROM task_claims c';

/**
 * A claim as every read of claims selects it (ClaimService), with its place on the waitlist counted among
 * those still waiting (gaps left by those who left close up). A new field of a claim is its migration, its
 * line here and its declaration on `TaskClaim` (with its sensitivity).
 */
export const TASK_CLAIM_STORE = defineStore(TaskClaim, {
  id: 'c.id',
  taskId: 'c.task_id',
  volunteerId: 'c.volunteer_id',
  status: 'c.status',
  waitlistPosition: `CASE WHEN c.status = 'WAITLISTED' THEN (SELECT count(*)::int FROM task_claims w WHERE w.task_id = c.task_id AND w.status = 'WAITLISTED'
    AND w.waitlist_position <= c.waitlist_position) END`,
  offeredUntil: 'c.offered_until',
  reason: 'c.reason',
  checkedInAt: 'c.checked_in_at',
  checkInPlace: { sql: 'c.checked_in_place', read: placeFrom },
  checkedOutAt: 'c.checked_out_at',
  checkOutPlace: { sql: 'c.checked_out_place', read: placeFrom },
  minutes: 'c.minutes',
  hoursConfirmedAt: 'c.hours_confirmed_at',
  report: 'c.report',
  createdAt: 'c.created_at',
  version: 'c.version',
  reminder: `CASE WHEN c.reminded_hour_at IS NOT NULL THEN 'HOUR' WHEN c.reminded_day_at IS NOT NULL THEN 'DAY' END`,
  // The claim rules' attribute (claim.rules.ts): the organisation that runs the claim's task.
  taskOrganisationId: CLAIM_COLUMNS.taskOrganisationId,
});

/** What the claim statement's `claim` CTE returns of the claim it wrote, under the store's names (as `c`). */
const WRITTEN = ['id', 'taskId', 'volunteerId', 'status', 'offeredUntil', 'reason', 'checkedInAt', 'checkedOutAt', 'minutes', 'hoursConfirmedAt', 'report',
  'createdAt', 'version'] as const;

/** The final SELECT of the claim statement: the claims just written (ClaimWriter knows or reads the rest). */
export const WRITTEN_CLAIM_SELECT = `SELECT ${WRITTEN.map((property) => `${TASK_CLAIM_STORE.sql(property)} AS "${property}"`).join(', ')} FROM claim c`;
export type WrittenClaim = Pick<TaskClaim, (typeof WRITTEN)[number]>;
