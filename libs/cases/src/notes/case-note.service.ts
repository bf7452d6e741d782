import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail, queryUnderRules } from '@zhulian/access';
import { Actor, AppError, conflict, createOnce, notFound, PublicErrorCode } from '@zhulian/core';
import { ConsentGates } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { CaseService } from '../cases/case.service';
import { Case } from '../cases/case.type';
import { AddCaseNoteInput } from './case-note.inputs';
import { CASE_NOTE_COLUMNS } from './case-note.rules';
import { CASE_NOTE_STORE, caseNotesFrom } from './case-note.store';
import { CaseNote, CaseNoteVisibility } from './case-note.type';
import { insertCaseNote } from './insert-case-note';

/**
 * A case's notes as dated, signed entries: written by those who work the case, read under the note rules
 * (rows filtered in SQL), never changed — a correction is a new entry naming the one it corrects.
 */
@Injectable()
export class CaseNoteService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseService,
    private readonly audit: AuditTrail,
    private readonly gates: ConsentGates,
  ) {}

  /** The entries of the given cases the actor may read, oldest first: one statement for a page of cases. */
  async of(actor: Actor, caseIds: readonly string[], tx: EntityManager = this.db.manager): Promise<Map<string, CaseNote[]>> {
    const rows = await this.select(tx, actor, 'AND n.case_id = ANY(:caseIds)', { caseIds: [...caseIds] });
    const byCase = new Map<string, CaseNote[]>();
    for (const note of rows) byCase.set(note.caseId, [...(byCase.get(note.caseId) ?? []), note]);
    return byCase;
  }

  add(actor: Actor, input: AddCaseNoteInput): Promise<CaseNote> {
    return createOnce(input.idempotencyKey, 'case_notes_idempotency_key', () => this.byIdempotencyKey(actor, input), () => this.insert(actor, input));
  }

  private insert(actor: Actor, input: AddCaseNoteInput): Promise<CaseNote> {
    return this.db.transaction(async (tx) => {
      const current = await this.cases.lockedForWork(tx, actor, input.caseId);
      let visibility = input.visibility ?? CaseNoteVisibility.CASE_TEAM;
      if (input.correctsId) {
        const [corrected] = await this.select(tx, actor, 'AND n.id = :id AND n.case_id = :caseId', { id: input.correctsId, caseId: current.id });
        if (!corrected) throw notFound('NOTE_NOT_FOUND', 'No such note on this case, or not one you may read.', 'input.correctsId');
        if (corrected.authorUserId !== actor.userId) {
          throw new AppError(PublicErrorCode.FORBIDDEN, 'NOTE_NOT_YOURS', 'Only the author corrects a note: write a new note to add what you know.', { field: 'input.correctsId' });
        }
        if (corrected.correctedById) throw conflict('NOTE_ALREADY_CORRECTED', 'This note was corrected already: correct the latest correction.', 'input.correctsId');
        if (input.visibility && input.visibility !== corrected.visibility) {
          throw new AppError(PublicErrorCode.BAD_USER_INPUT, 'NOTE_VISIBILITY_FIXED', 'A correction is read by those who read what it corrects.', { field: 'input.visibility' });
        }
        visibility = corrected.visibility;
      }
      this.assertReadsBack(actor, current, visibility);
      const id = await insertCaseNote(tx, actor, current.id, input.body, visibility, { correctsId: input.correctsId, idempotencyKey: input.idempotencyKey });
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Case', subjectId: current.id, fields: ['noteEntries'], holderOrganisationId: current.holdingOrganisationId,
        details: { note: id, visibility, corrects: input.correctsId ?? null },
      }]);
      const [added] = await this.select(tx, actor, 'AND n.id = :id', { id });
      return added;
    });
  }

  /**
   * Nobody writes what they could not read back: another organisation's caseworker may not keep a note for
   * the holder only, and one without the person's consent to case notes may write none.
   */
  private assertReadsBack(actor: Actor, current: Case, visibility: CaseNoteVisibility): void {
    const note = { holdingOrganisationId: current.holdingOrganisationId, assignedToMe: current.assignedToMe, consentedCategories: current.consentedCategories, visibility };
    if (abilityFor(actor).can('read', subject('CaseNote', note))) return;
    if (visibility === CaseNoteVisibility.HOLDER && current.holdingOrganisationId !== actor.acting!.organisationId) {
      throw new AppError(PublicErrorCode.FORBIDDEN, 'NOTE_VISIBILITY_NOT_ALLOWED', 'Only the holding organisation keeps notes for itself: write this note for the whole team.', { field: 'input.visibility' });
    }
    throw new AppError(PublicErrorCode.FORBIDDEN, 'FIELD_NOT_WRITABLE', 'You may not write notes on this case: the person has not consented to your organisation reading them.', { field: 'input.body' });
  }

  private async byIdempotencyKey(actor: Actor, input: AddCaseNoteInput): Promise<CaseNote | null> {
    const [row]: { id: string; case_id: string }[] = await this.db.query(
      `SELECT id, case_id FROM case_notes WHERE author_user_id = $1 AND idempotency_key = $2`, [actor.userId, input.idempotencyKey]);
    if (!row) return null;
    if (row.case_id !== input.caseId) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another note: use a new key for a new note.', 'input.idempotencyKey');
    }
    const [found] = await this.select(this.db.manager, actor, 'AND n.id = :id', { id: row.id });
    return found ?? null;
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>): Promise<CaseNote[]> {
    const rows = await queryUnderRules<object>(tx, actor, {
      subjectType: 'CaseNote', columns: CASE_NOTE_COLUMNS, select: CASE_NOTE_STORE.select, from: caseNotesFrom(this.gates), where, params, tail: 'ORDER BY n.case_id, n.written_at, n.id',
    });
    return rows.map(CASE_NOTE_STORE.toModel);
  }
}
