import { defineAccessRules } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { CASE_COLUMNS } from '../cases/case.rules';
import { ATTACHMENT_SENSITIVITY } from './case-attachment.type';

/**
 * Who reads a case's attachment (its facts and its bytes): the holder's coordinators and its assigned
 * caseworkers; another organisation's caseworker assigned under consent only when the person consented
 * to the kind of data the file holds (an ID document: identity; anything else: case notes). The holder's
 * other members, volunteers, auditors and admins: nothing — as for the case's notes.
 */
defineAccessRules('CaseAttachment', (actor, { can }) => {
  const { organisationId, role } = actor.acting!;
  if (role === Role.COORDINATOR) can('read', 'CaseAttachment', { holdingOrganisationId: organisationId }).because('role:COORDINATOR');
  if (role === Role.CASEWORKER) {
    can('read', 'CaseAttachment', { holdingOrganisationId: organisationId, assignedToMe: true }).because('assigned');
    for (const sensitivity of new Set(Object.values(ATTACHMENT_SENSITIVITY))) {
      can('read', 'CaseAttachment', { assignedToMe: true, consentedCategories: sensitivity, sensitivity }).because('consent');
    }
  }
});

/** What the attachment rules' attribute names mean in the attachments query (`f` an attachment, `k` its case, `g` the consents). */
export const CASE_ATTACHMENT_COLUMNS = {
  holdingOrganisationId: CASE_COLUMNS.holdingOrganisationId,
  assignedToMe: CASE_COLUMNS.assignedToMe,
  consentedCategories: CASE_COLUMNS.consentedCategories,
  sensitivity: 'f.sensitivity',
} as const;
