import { defineStore, StoreColumn } from '@zhulian/core';
import { InsightAlert } from './insight-alert.type';

/** The alerts; every read of them (a page, a count, the rules' tallies) goes through the alert rules. */
export const ALERTS_FROM = 'FROM insight_alerts a';

const number = (value: unknown) => (typeof value === 'number' ? value : null);
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const flag = (value: unknown) => (typeof value === 'boolean' ? value : null);

/**
 * One fact of an alert's evidence (a jsonb object the rule wrote), under its own name; a value of another
 * type than the field's reads as null, as a missing one does.
 */
const evidence = (key: keyof InsightAlert & string, read: (value: unknown) => unknown): StoreColumn => ({ sql: `a.evidence->'${key}'`, read });

/**
 * An alert as every read of alerts selects it (InsightAlertService). A new fact behind an alert is the
 * rule that writes it into the evidence, its line here and its declaration on `InsightAlert` (with the
 * category of the personal data it derives from).
 */
export const ALERT_STORE = defineStore(InsightAlert, {
  id: 'a.id',
  ruleId: 'a.rule_id',
  ruleCode: 'a.rule_code',
  subjectType: 'a.subject_type',
  personId: 'a.person_id',
  householdId: 'a.household_id',
  caseId: 'a.case_id',
  holdingOrganisationId: 'a.holding_organisation_id',
  regionCode: 'a.region_code',
  severity: 'a.severity',
  score: 'a.score',
  householdSize: evidence('householdSize', number),
  incomePerPersonCents: evidence('incomePerPersonCents', number),
  lineCents: evidence('lineCents', number),
  age: evidence('age', number),
  livesAlone: evidence('livesAlone', flag),
  healthConditionRecorded: evidence('healthConditionRecorded', flag),
  daysInactive: evidence('daysInactive', number),
  casePriority: evidence('casePriority', text),
  limitDays: evidence('limitDays', number),
  signalCount: evidence('signalCount', number),
  signalTotalCents: evidence('signalTotalCents', number),
  burdenPercent: evidence('burdenPercent', number),
  lastSignalOn: evidence('lastSignalOn', text),
  months: evidence('months', number),
  declinedInARow: evidence('declinedInARow', number),
  expiredUnanswered: evidence('expiredUnanswered', flag),
  carerAwayNeed: evidence('carerAwayNeed', text),
  status: 'a.status',
  reasonCode: 'a.reason_code',
  reasonText: 'a.reason_text',
  decidedAt: 'a.decided_at',
  raisedAt: 'a.raised_at',
  lastSeenAt: 'a.last_seen_at',
  clearedAt: 'a.cleared_at',
  version: 'a.version',
});
