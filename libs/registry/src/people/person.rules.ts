import { defineAccessRules, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { Person } from './person.type';

const ALL = fieldsInCategories(Person, SENSITIVITY_CATEGORIES);
const BASIC = fieldsInCategories(Person, ['basic']);

/** Roles that work with people and may receive them from other organisations by consent. */
const CONSENT_RECEIVERS: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.ORG_ADMIN];

/**
 * Who sees what of a person — the baseline of the registry, as rules over the record's attributes
 * (`holdingOrganisationId`, `registeredBy`, `consentedCategories` for the acting organisation).
 * Anything not granted here is denied: volunteers, auditors and platform admins get no rule at all.
 */
defineAccessRules('Person', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  const holder = { holdingOrganisationId: organisationId };
  switch (role) {
    case Role.COORDINATOR:
      can('read', 'Person', ALL, holder).because('role:COORDINATOR');
      // An emergency opening of one record, with a written reason, for a few hours (BreakGlassService).
      can('read', 'Person', ALL, { breakGlass: true }).because('break-glass');
      break;
    case Role.CASEWORKER:
      can('read', 'Person', ALL, { ...holder, registeredBy: actor.userId }).because('registered-by-me');
      can('read', 'Person', BASIC, holder).because('role:CASEWORKER');
      // They may know a colleague's client has a phone and an ID number on file, not read them.
      can('readMasked', 'Person', ['phone', 'idNumber'], holder).because('role:CASEWORKER');
      break;
    case Role.STAFF:
    case Role.ORG_ADMIN:
      can('read', 'Person', BASIC, holder).because(`role:${role}`);
      break;
    default:
      break;
  }
  if (CONSENT_RECEIVERS.includes(role)) {
    for (const category of SENSITIVITY_CATEGORIES) {
      const fields = fieldsInCategories(Person, [category]);
      if (fields.length > 0) can('read', 'Person', fields, { consentedCategories: category }).because('consent');
    }
  }
});

/** What the rules' attribute names mean in the people query (see PersonService). */
export const PERSON_COLUMNS = {
  id: 'p.id',
  holdingOrganisationId: 'p.holding_organisation_id',
  registeredBy: 'p.registered_by',
  consentedCategories: { array: 'g.categories' },
  breakGlass: `EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = p.id AND b.user_id = :actingUser
                  AND b.organisation_id = :actingOrganisation AND b.expires_at > now())`,
} as const;

/**
 * Who may record and withdraw a person's consents: those who keep the record — the holding
 * organisation's coordinators, and the caseworker who registered the person.
 */
defineAccessRules('PersonConsents', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  if (role === Role.COORDINATOR) can('manageConsent', 'Person', { holdingOrganisationId: organisationId }).because('role:COORDINATOR');
  if (role === Role.CASEWORKER) {
    can('manageConsent', 'Person', { holdingOrganisationId: organisationId, registeredBy: actor.userId }).because('registered-by-me');
  }
});
