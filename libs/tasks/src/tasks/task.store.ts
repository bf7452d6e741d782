import { defineStore } from '@zhulian/core';
import { TASK_COLUMNS } from './task.rules';
import { Task } from './task.type';

/** A task with the name of the organisation that runs it. */
export const TASKS_FROM = `FROM tasks t JOIN organisations o ON o.id = t.organisation_id`;

/** A place was given up (or an offer lapsed, or a claim was declined) and nobody waits in line to take it. */
const NEEDS_COVER = `(t.status = 'OPEN' AND t.starts_at > now() AND t.held < t.slots
  AND NOT EXISTS (SELECT 1 FROM task_claims w WHERE w.task_id = t.id AND w.status = 'WAITLISTED')
  AND EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.kind IN ('RELEASED', 'OFFER_EXPIRED', 'DECLINED')))`;

/**
 * A task as every read of tasks selects it (TaskService: one, a list, the volunteers' board). A new field
 * of a task is its migration, its line here and its declaration on `Task`.
 */
export const TASK_STORE = defineStore(Task, {
  id: 't.id',
  organisationId: 't.organisation_id',
  organisationName: 'o.name',
  title: 't.title',
  description: 't.description',
  skills: 't.skills',
  regionCode: 't.region_code',
  startsAt: 't.starts_at',
  endsAt: 't.ends_at',
  slots: 't.slots',
  placesTaken: 't.held',
  waitlistLength: `(SELECT count(*)::int FROM task_claims w WHERE w.task_id = t.id AND w.status = 'WAITLISTED')`,
  needsApproval: 't.needs_approval',
  involvesMinor: 't.involves_minor',
  homeVisit: 't.home_visit',
  status: 't.status',
  cancelledReason: 't.cancelled_reason',
  discloses: 't.discloses',
  personId: 't.person_id',
  caseId: 't.case_id',
  referralId: 't.referral_id',
  createdAt: 't.created_at',
  version: 't.version',
  // The rules' attributes of this task for the actor (task.rules.ts), and what the organisation should do about it.
  claimedByMe: TASK_COLUMNS.claimedByMe,
  coverAskedOfMe: TASK_COLUMNS.coverAskedOfMe,
  needsCover: NEEDS_COVER,
});
