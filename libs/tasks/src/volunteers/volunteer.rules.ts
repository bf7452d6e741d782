import { defineAccessRules, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { VolunteerProfile } from './volunteer-profile.type';

/** Who keeps a volunteer group's volunteers: its coordinators and admins. */
export const GROUP_KEEPERS: readonly Role[] = [Role.COORDINATOR, Role.ORG_ADMIN];
/** Who works with the volunteers of its organisation's tasks. */
export const TASK_STAFF: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.ORG_ADMIN];

/**
 * A volunteer's profile: the volunteer reads all of it; their group's coordinators and admins read all of
 * it (they check identity and background); an organisation reads the name, skills and checks of a
 * volunteer who claimed one of its tasks (also after the claim ended: who it was stays on the task's record),
 * and the phone only while the volunteer holds it.
 */
defineAccessRules('VolunteerProfile', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  const all = fieldsInCategories(VolunteerProfile, SENSITIVITY_CATEGORIES);
  const basic = fieldsInCategories(VolunteerProfile, ['basic']);
  if (role === Role.VOLUNTEER) can('read', 'VolunteerProfile', all, { isMe: true }).because('self');
  if (GROUP_KEEPERS.includes(role)) {
    can('read', 'VolunteerProfile', all, { organisationId }).because(`role:${role}`);
    can('verify', 'VolunteerProfile', { organisationId }).because(`role:${role}`);
  }
  if (TASK_STAFF.includes(role)) {
    can('read', 'VolunteerProfile', basic, { claimsTaskOfMine: true }).because('claims-our-task');
    can('read', 'VolunteerProfile', ['phone'], { holdsTaskOfMine: true }).because('holds-our-task');
  }
});

/** Claims that hold a place of a task. */
export const HOLDING = `('HELD')`;

/** What the profile rules' attribute names mean in the profiles query (profile `v`). */
export const PROFILE_COLUMNS = {
  userId: 'v.user_id',
  organisationId: 'v.organisation_id',
  isMe: '(v.user_id = :actingUser)',
  claimsTaskOfMine: `EXISTS (SELECT 1 FROM task_claims c JOIN tasks t ON t.id = c.task_id WHERE c.volunteer_id = v.user_id
    AND t.organisation_id = :actingOrganisation)`,
  holdsTaskOfMine: `EXISTS (SELECT 1 FROM task_claims c JOIN tasks t ON t.id = c.task_id WHERE c.volunteer_id = v.user_id
    AND t.organisation_id = :actingOrganisation AND t.status = 'OPEN' AND c.status IN ${HOLDING})`,
} as const;
