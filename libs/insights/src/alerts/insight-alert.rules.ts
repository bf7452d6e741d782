import { defineAccessRules, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { InsightAlert } from './insight-alert.type';

/**
 * Who sees an alert: the coordinators of the organisation holding the person — who already read the
 * whole record, so the facts behind a finding tell them nothing new — and they decide on it. Nobody else:
 * not the person's caseworkers (a coordinator who takes it on assigns them), not another organisation,
 * not staff, volunteers, auditors or platform admins. Region offices see alerts only as counts.
 */
defineAccessRules('InsightAlert', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  if (role !== Role.COORDINATOR) return;
  const holder = { holdingOrganisationId: organisationId };
  can('read', 'InsightAlert', fieldsInCategories(InsightAlert, SENSITIVITY_CATEGORIES), holder).because('role:COORDINATOR');
  can('decide', 'InsightAlert', holder).because('role:COORDINATOR');
});

/** What the alert rules' attribute names mean in the alerts query. */
export const ALERT_COLUMNS = {
  id: 'a.id',
  holdingOrganisationId: 'a.holding_organisation_id',
} as const;
