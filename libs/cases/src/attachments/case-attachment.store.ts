import { defineStore } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { ConsentGates, CONSENTS_OPENING } from '@zhulian/registry';
import { CASE_ATTACHMENT_COLUMNS } from './case-attachment.rules';
import { CaseAttachment } from './case-attachment.type';

/** Attachments with their case, who uploaded them and for which organisation, and the acting organisation's consents that open the case's person now. */
export const caseAttachmentsFrom = (gates: ConsentGates) => `FROM case_attachments f JOIN cases k ON k.id = f.case_id ${joinUser('u', 'f.uploaded_by')}
  JOIN organisations o ON o.id = f.uploaded_by_organisation_id ${gates.openingTo('k.person_id')}`;

/**
 * A case attachment's facts (never its bytes) as every read of attachments selects them
 * (CaseAttachmentService). A new field of an attachment is its migration, its line here and its
 * declaration on `CaseAttachment` (with its sensitivity).
 */
export const CASE_ATTACHMENT_STORE = defineStore(CaseAttachment, {
  id: 'f.id',
  caseId: 'f.case_id',
  category: 'f.category',
  sensitivity: 'f.sensitivity',
  fileName: 'f.file_name',
  contentType: 'f.content_type',
  sizeBytes: 'f.size_bytes',
  uploadedByName: userName('u'),
  uploadedByOrganisationName: 'o.name',
  uploadedAt: 'f.uploaded_at',
  // The attachment rules' attributes of this file for the actor (case-attachment.rules.ts), which the field checks read.
  holdingOrganisationId: 'k.holding_organisation_id',
  assignedToMe: CASE_ATTACHMENT_COLUMNS.assignedToMe,
  ...CONSENTS_OPENING,
});
