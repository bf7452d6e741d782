import { defineStore } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { ConsentGates, CONSENTS_OPENING } from '@zhulian/registry';
import { CASE_NOTE_COLUMNS } from './case-note.rules';
import { CaseNote } from './case-note.type';

/** Notes with their case, their author and the organisation they wrote for, and the acting organisation's consents that open the case's person now. */
export const caseNotesFrom = (gates: ConsentGates) => `FROM case_notes n JOIN cases k ON k.id = n.case_id ${joinUser('u', 'n.author_user_id')}
  JOIN organisations o ON o.id = n.author_organisation_id ${gates.openingTo('k.person_id')}`;

/**
 * A case note as every read of notes selects it (CaseNoteService). A new field of a note is its
 * migration, its line here and its declaration on `CaseNote` (with its sensitivity).
 */
export const CASE_NOTE_STORE = defineStore(CaseNote, {
  id: 'n.id',
  caseId: 'n.case_id',
  body: 'n.body',
  visibility: 'n.visibility',
  authorUserId: 'n.author_user_id',
  authorName: userName('u'),
  authorOrganisationId: 'n.author_organisation_id',
  authorOrganisationName: 'o.name',
  writtenAt: 'n.written_at',
  correctsId: 'n.corrects_id',
  correctedById: '(SELECT c.id FROM case_notes c WHERE c.corrects_id = n.id)',
  migrated: 'n.migrated',
  // The note rules' attributes of this note for the actor (case-note.rules.ts), which the field checks read.
  holdingOrganisationId: 'k.holding_organisation_id',
  assignedToMe: CASE_NOTE_COLUMNS.assignedToMe,
  ...CONSENTS_OPENING,
});
