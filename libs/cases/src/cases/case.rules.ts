import { defineAccessRules, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { ConsentPurpose, hasConsentInForce, Person, PersonAttribute } from '@zhulian/registry';
import { Case } from './case.type';

/**
 * SQL: the acting user is assigned, for the acting organisation, to the open case `k` — and, when that
 * organisation does not hold the case, the person's consent for case management that let the
 * assignment happen is still in force: withdrawing it (or its expiry) ends what the assignment opened.
 */
const assignedTo = (k: string) => `EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = ${k}.id AND a.user_id = :actingUser
  AND a.organisation_id = :actingOrganisation AND a.ended_at IS NULL
  AND (a.organisation_id = ${k}.holding_organisation_id OR ${hasConsentInForce(`${k}.person_id`, ConsentPurpose.CASE_MANAGEMENT, 'a.organisation_id')}))`;

/**
 * A caseworker assigned to a person's open case sees that person as their own organisation's
 * caseworkers see the people they registered — everything, if their organisation holds the record; only
 * the consented categories otherwise (the registry's consent rule). Closing the case ends it.
 */
export const ASSIGNED_TO_ME: PersonAttribute = {
  name: 'assignedToMe',
  sql: `EXISTS (SELECT 1 FROM cases k WHERE k.person_id = p.id AND k.status <> 'CLOSED' AND ${assignedTo('k')})`,
};

defineAccessRules('PersonCaseAssignments', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  if (role === Role.CASEWORKER) {
    can('read', 'Person', fieldsInCategories(Person, SENSITIVITY_CATEGORIES), { holdingOrganisationId: organisationId, assignedToMe: true }).because('assigned');
  }
});

/**
 * Who sees what of a case: the holding organisation's coordinators everything; its assigned caseworkers
 * everything (another organisation's assigned caseworker the basics, and its notes only with the
 * person's consent to case notes); the holder's other caseworkers, staff and admins the basics.
 * Volunteers, auditors and platform admins: nothing.
 */
defineAccessRules('Case', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  const all = fieldsInCategories(Case, SENSITIVITY_CATEGORIES);
  const basic = fieldsInCategories(Case, ['basic']);
  const holder = { holdingOrganisationId: organisationId };
  switch (role) {
    case Role.COORDINATOR:
      can('read', 'Case', all, holder).because('role:COORDINATOR');
      can('work', 'Case', holder).because('role:COORDINATOR');
      can('assign', 'Case', holder).because('role:COORDINATOR');
      can('reopen', 'Case', holder).because('role:COORDINATOR');
      break;
    case Role.CASEWORKER:
      can('read', 'Case', all, { ...holder, assignedToMe: true }).because('assigned');
      can('read', 'Case', basic, holder).because('role:CASEWORKER');
      can('read', 'Case', basic, { assignedToMe: true }).because('assigned');
      for (const category of SENSITIVITY_CATEGORIES.filter((c) => c !== 'basic')) {
        const fields = fieldsInCategories(Case, [category]);
        if (fields.length > 0) can('read', 'Case', fields, { assignedToMe: true, consentedCategories: category }).because('consent');
      }
      can('work', 'Case', { assignedToMe: true }).because('assigned');
      break;
    case Role.STAFF:
    case Role.ORG_ADMIN:
      can('read', 'Case', basic, holder).because(`role:${role}`);
      break;
    default:
      break;
  }
});

/** What the case rules' attribute names mean in the cases query (see CaseService). */
export const CASE_COLUMNS = {
  id: 'k.id',
  holdingOrganisationId: 'k.holding_organisation_id',
  assignedToMe: assignedTo('k'),
  consentedCategories: { array: 'g.categories' },
} as const;
