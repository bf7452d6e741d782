import { defineAccessRules, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { TASK_STAFF } from '../volunteers/volunteer.rules';
import { TaskClaim } from './claim.type';

/**
 * Claims: a volunteer reads their own claims whole; the staff of the organisation that runs a task read
 * every claim on it whole (they approve, confirm hours, and may check where a volunteer checked in). Nobody
 * else reads a claim: not the volunteer group (it keeps the volunteer, not the task), not other volunteers
 * of the task, not other organisations.
 */
defineAccessRules('TaskClaim', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  const all = fieldsInCategories(TaskClaim, SENSITIVITY_CATEGORIES);
  if (role === Role.VOLUNTEER) can('read', 'TaskClaim', all, { volunteerId: actor.userId }).because('self');
  if (TASK_STAFF.includes(role)) can('read', 'TaskClaim', all, { taskOrganisationId: organisationId }).because(`role:${role}`);
});

/** What the claim rules' attribute names mean in the claims query (claim `c`). */
export const CLAIM_COLUMNS = {
  volunteerId: 'c.volunteer_id',
  taskOrganisationId: '(SELECT ct.organisation_id FROM tasks ct WHERE ct.id = c.task_id)',
} as const;
