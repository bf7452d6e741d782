import { defineAccessRules } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { TASK_STAFF } from '../volunteers/volunteer.rules';

/** Who posts and manages an organisation's tasks. */
export const TASK_POSTERS: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.ORG_ADMIN];

/**
 * Tasks are the alliance's shared board: every member sees them — open, cancelled or done — since a task
 * carries a district and a time, never who is served (that is the person's record, under its own rules).
 * Only the organisation that posted a task runs it.
 */
defineAccessRules('Task', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  can('read', 'Task').because('board');
  if (TASK_STAFF.includes(role)) can('run', 'Task', { organisationId }).because(`role:${role}`);
});

/** What the task rules' attribute names mean in the tasks query (task `t`). */
export const TASK_COLUMNS = {
  id: 't.id',
  organisationId: 't.organisation_id',
  status: 't.status',
  claimedByMe: `EXISTS (SELECT 1 FROM task_claims mc WHERE mc.task_id = t.id AND mc.volunteer_id = :actingUser)`,
  coverAskedOfMe: `EXISTS (SELECT 1 FROM task_cover_requests r WHERE r.task_id = t.id AND r.volunteer_id = :actingUser)`,
} as const;
