import { defineAccessRules } from '@zhulian/access';
import { breakGlassOn, ConsentGates } from '../consents/valid-consent';
import { recordRules } from '../people/person.rules';
import { Household } from './household.type';

/**
 * A household is seen like its people: by the organisation holding it, and by another organisation
 * through a member's consent, for the consented categories. Its members are each checked as persons.
 */
defineAccessRules('Household', (actor, { can }) => recordRules('Household', Household, actor, can));

/** What the household rules' attribute names mean in the households query (see HouseholdService). */
export const HOUSEHOLD_COLUMNS = {
  id: 'h.id',
  holdingOrganisationId: 'h.holding_organisation_id',
  registeredBy: 'h.registered_by',
  consentedCategories: { array: 'g.categories' },
  breakGlass: `EXISTS (SELECT 1 FROM people m WHERE m.household_id = h.id AND m.merged_into IS NULL AND ${breakGlassOn('m.id')})`,
} as const;

/** The acting organisation's consents from any member that open data now, as arrays the rules can test. */
export const householdsFrom = (gates: ConsentGates) => `
  FROM households h
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT category) AS categories, array_agg(DISTINCT c.id) AS ids
      FROM people m JOIN consents c ON c.person_id = m.id CROSS JOIN LATERAL unnest(c.categories) AS category
     WHERE m.household_id = h.id AND m.merged_into IS NULL AND ${gates.opens('c', 'category')}
  ) g ON TRUE`;
