import { defineAccessRules } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { CASE_COLUMNS } from '../cases/case.rules';
import { CaseNoteVisibility } from './case-note.type';

/**
 * Who reads a case note: those who read the case's notes (see the Case rules) — the holder's coordinators
 * and its assigned caseworkers every entry; another organisation's caseworker assigned under the person's
 * consent to case notes only the entries written for the whole team (CASE_TEAM), never those kept for
 * the holding organisation. Nobody else, whatever their role.
 */
defineAccessRules('CaseNote', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  if (role === Role.COORDINATOR) can('read', 'CaseNote', { holdingOrganisationId: organisationId }).because('role:COORDINATOR');
  if (role === Role.CASEWORKER) {
    can('read', 'CaseNote', { holdingOrganisationId: organisationId, assignedToMe: true }).because('assigned');
    can('read', 'CaseNote', { assignedToMe: true, consentedCategories: 'case_notes', visibility: CaseNoteVisibility.CASE_TEAM }).because('consent');
  }
});

/** What the note rules' attribute names mean in the notes query (`n` a note, `k` its case, `g` the consents). */
export const CASE_NOTE_COLUMNS = {
  holdingOrganisationId: CASE_COLUMNS.holdingOrganisationId,
  assignedToMe: CASE_COLUMNS.assignedToMe,
  consentedCategories: CASE_COLUMNS.consentedCategories,
  visibility: 'n.visibility',
} as const;
