import { bigintAsNumber, defineStore } from '@zhulian/core';
import { CONSENTS_OPENING } from '../consents/valid-consent';
import { HOUSEHOLD_COLUMNS } from './household.rules';
import { Household } from './household.type';

/**
 * A household as every read of households selects it (HouseholdService), from `householdsFrom` beside
 * the rules. A new field of a household is its migration, its line here and its declaration on
 * `Household` (with its sensitivity).
 */
export const HOUSEHOLD_STORE = defineStore(Household, {
  id: 'h.id',
  regionCode: 'h.region_code',
  address: 'h.address',
  monthlyIncomeCents: { sql: 'h.monthly_income_cents', read: bigintAsNumber },
  holdingOrganisationId: 'h.holding_organisation_id',
  createdAt: 'h.created_at',
  registeredBy: 'h.registered_by',
  // What the acting organisation's consents in force from any member open of this household, and a break-glass opening.
  ...CONSENTS_OPENING,
  breakGlass: HOUSEHOLD_COLUMNS.breakGlass,
});
