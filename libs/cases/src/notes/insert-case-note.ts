import { Actor, newId } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { CaseNoteVisibility } from './case-note.type';

/** Writes one entry (the only statement that writes case_notes); returns its id. The caller has checked who may. */
export async function insertCaseNote(tx: EntityManager, actor: Actor, caseId: string, body: string, visibility: CaseNoteVisibility,
  options: { correctsId?: string; idempotencyKey?: string } = {}): Promise<string> {
  const id = newId();
  await tx.query(
    `INSERT INTO case_notes (id, case_id, author_user_id, author_organisation_id, visibility, body, corrects_id, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, caseId, actor.userId, actor.acting!.organisationId, visibility, body, options.correctsId ?? null, options.idempotencyKey ?? null]);
  return id;
}
