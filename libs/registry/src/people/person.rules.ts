import { AbilityBuilder } from '@casl/ability';
import { AppAbility, defineAccessRules, fieldsInCategories, ProtectedType, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Actor, Role } from '@zhulian/core';
import { breakGlassOn } from '../consents/valid-consent';
import { Person } from './person.type';

/** Roles that work with people and may receive them from other organisations by consent. */
export const CONSENT_RECEIVERS: readonly Role[] = [Role.COORDINATOR, Role.CASEWORKER, Role.STAFF, Role.ORG_ADMIN];

/**
 * The registry's baseline for a record about people (a person, a household), as rules over the
 * record's attributes: `holdingOrganisationId`, `registeredBy`, `breakGlass` and `consentedCategories`
 * (the categories the acting organisation holds a valid consent for). Anything not granted here is
 * denied: volunteers, auditors and platform admins get no rule at all.
 */
export function recordRules(subjectType: string, type: ProtectedType, actor: Actor, can: AbilityBuilder<AppAbility>['can']): void {
  const { organisationId, role } = actor.acting!;
  const all = fieldsInCategories(type, SENSITIVITY_CATEGORIES);
  const basic = fieldsInCategories(type, ['basic']);
  const holder = { holdingOrganisationId: organisationId };
  switch (role) {
    case Role.COORDINATOR:
      can('read', subjectType, all, holder).because('role:COORDINATOR');
      // An emergency opening of one record, with a written reason, for a few hours (BreakGlassService).
      can('read', subjectType, all, { breakGlass: true }).because('break-glass');
      break;
    case Role.CASEWORKER:
      can('read', subjectType, all, { ...holder, registeredBy: actor.userId }).because('registered-by-me');
      can('read', subjectType, basic, holder).because('role:CASEWORKER');
      break;
    case Role.STAFF:
    case Role.ORG_ADMIN:
      can('read', subjectType, basic, holder).because(`role:${role}`);
      break;
    default:
      break;
  }
  if (CONSENT_RECEIVERS.includes(role)) {
    for (const category of SENSITIVITY_CATEGORIES) {
      const fields = fieldsInCategories(type, [category]);
      if (fields.length > 0) can('read', subjectType, fields, { consentedCategories: category }).because('consent');
    }
  }
}

defineAccessRules('Person', (actor, { can }) => {
  recordRules('Person', Person, actor, can);
  if (actor.acting!.role === Role.CASEWORKER) {
    // They may know a colleague's client has a phone and an ID number on file, not read them.
    can('readMasked', 'Person', ['phone', 'idNumber'], { holdingOrganisationId: actor.acting!.organisationId }).because('role:CASEWORKER');
  }
});

/** What the rules' attribute names mean in the people query (see PersonService). */
export const PERSON_COLUMNS = {
  id: 'p.id',
  holdingOrganisationId: 'p.holding_organisation_id',
  registeredBy: 'p.registered_by',
  consentedCategories: { array: 'g.categories' },
  breakGlass: breakGlassOn('p.id'),
} as const;

/**
 * Who keeps a person's record: the holding organisation's coordinators record and withdraw consents
 * and merge duplicates; the caseworker who registered the person records and withdraws consents.
 */
defineAccessRules('PersonKeeping', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  if (role === Role.COORDINATOR) {
    can('manageConsent', 'Person', { holdingOrganisationId: organisationId }).because('role:COORDINATOR');
    can('merge', 'Person', { holdingOrganisationId: organisationId }).because('role:COORDINATOR');
  }
  if (role === Role.CASEWORKER) {
    can('manageConsent', 'Person', { holdingOrganisationId: organisationId, registeredBy: actor.userId }).because('registered-by-me');
  }
});
