import { defineStore } from '@zhulian/core';
import { ConsentGates, CONSENTS_OPENING } from '@zhulian/registry';
import { CASE_COLUMNS } from './case.rules';
import { Case } from './case.type';

/** Cases with the acting organisation's consents that open the case's person's data now, as arrays the rules can test. */
export const casesFrom = (gates: ConsentGates) => `FROM cases k ${gates.openingTo('k.person_id')}`;

/**
 * A case as every read of cases selects it (CaseService). A new field of a case is its migration, its
 * line here and its declaration on `Case` (with its sensitivity).
 */
export const CASE_STORE = defineStore(Case, {
  id: 'k.id',
  caseNumber: 'k.case_number',
  personId: 'k.person_id',
  holdingOrganisationId: 'k.holding_organisation_id',
  regionCode: 'k.region_code',
  needs: 'k.needs',
  priority: 'k.priority',
  status: 'k.status',
  summary: 'k.summary',
  outcome: 'k.outcome',
  outcomeNote: 'k.outcome_note',
  version: 'k.version',
  createdAt: 'k.created_at',
  closedAt: 'k.closed_at',
  // What the acting organisation's consents in force open of the case's person (ConsentGates), and the
  // rules' attribute of this case for the actor (case.rules.ts), which the field checks read.
  ...CONSENTS_OPENING,
  assignedToMe: CASE_COLUMNS.assignedToMe,
});
