import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditEvent, AuditTrail, fieldsInCategories, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Actor, ActorMembership, AppError, badInput, changedRows, conflict, createOnce, forbidden, inTransaction, NeedService, newId, PublicErrorCode, requireRole, Role } from '@zhulian/core';
import { Person, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { OpenCaseInput, SetCaseStatusInput, UpdateCaseInput } from '../dto/case.inputs';
import { CaseNoteVisibility } from '../notes/case-note.type';
import { insertCaseNote } from '../notes/insert-case-note';
import { CaseTimeline } from './case-timeline';
import { CaseService } from './case.service';
import { Case, CaseEventKind, CaseStatus } from './case.type';

/** The moves a case's status may make. Reopening a closed case is the holder's coordinators' call. */
const MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  [CaseStatus.OPEN]: [CaseStatus.IN_PROGRESS, CaseStatus.ON_HOLD, CaseStatus.CLOSED],
  [CaseStatus.IN_PROGRESS]: [CaseStatus.ON_HOLD, CaseStatus.CLOSED],
  [CaseStatus.ON_HOLD]: [CaseStatus.IN_PROGRESS, CaseStatus.CLOSED],
  [CaseStatus.CLOSED]: [CaseStatus.OPEN],
};

/** Who opens cases: those who work them. */
const CASE_OPENERS = [Role.COORDINATOR, Role.CASEWORKER] as const;

/** Opening a case, changing it, and moving it through its statuses: each change conditional on the version read, on the timeline and audited. */
@Injectable()
export class CaseMoveService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseService,
    private readonly people: PersonService,
    private readonly needs: NeedService,
    private readonly timeline: CaseTimeline,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Opens a case. Within a caller's transaction (`tx`) it commits or rolls back with the rest of what the
   * caller does, and the caller's own idempotency key answers for retries (the input's is not used).
   */
  async open(actor: Actor, input: OpenCaseInput, tx?: EntityManager): Promise<Case> {
    const acting = requireRole(actor, CASE_OPENERS, 'open cases');
    if (tx) return this.insert(actor, acting, { ...input, idempotencyKey: undefined }, tx);
    return createOnce(input.idempotencyKey, 'cases_idempotency_key', () => this.byIdempotencyKey(actor, input), () => this.insert(actor, acting, input));
  }

  private async insert(actor: Actor, acting: ActorMembership, input: OpenCaseInput, outer?: EntityManager): Promise<Case> {
    const person = await this.people.get(actor, input.personId, outer);
    if (person.id !== input.personId) throw conflict('PERSON_MERGED', 'This record was merged into another one: open the case on that record.', 'input.personId');
    const needs = await this.needs.check(input.needs, 'input.needs');
    const works = acting.role === Role.COORDINATOR || this.readsWhole(actor, person);
    // Notes written by someone who will not work the case would be notes they could not read back.
    if (!works && (input.notes || input.summary)) {
      throw new AppError(PublicErrorCode.FORBIDDEN, 'FIELD_NOT_WRITABLE',
        'You will not work this case until a coordinator assigns it: open it without a summary or notes.', { field: input.summary ? 'input.summary' : 'input.notes' });
    }
    const id = newId();
    return inTransaction(this.db, outer, async (tx) => {
      await tx.query(
        `INSERT INTO cases (id, person_id, household_id, holding_organisation_id, opened_by, region_code, needs, priority, summary, idempotency_key)
         SELECT $1, p.id, p.household_id, $2, $3, p.region_code, $4, $5, $6, $7 FROM people p WHERE p.id = $8`,
        [id, acting.organisationId, actor.userId, needs, input.priority, input.summary ?? null, input.idempotencyKey ?? null, person.id]);
      await this.timeline.record(tx, actor, id, CaseEventKind.OPENED, {});
      // What is written at opening is the case's first note, read by all who work the case (as the single notes text was).
      const notes = input.notes?.trim();
      if (notes) await insertCaseNote(tx, actor, id, notes, CaseNoteVisibility.CASE_TEAM);
      const changes: AuditEvent[] = [{ action: 'CHANGE', subjectType: 'Case', subjectId: id, grounds: { role: acting.role },
        fields: Object.keys(input).filter((k) => input[k as keyof OpenCaseInput] !== undefined && k !== 'idempotencyKey').sort() }];
      // A caseworker who opens a case works it — if they could already read everything working it opens to
      // them. Otherwise the case waits for a coordinator to assign it: opening a case is no way into a record.
      if (acting.role === Role.CASEWORKER && works) {
        await tx.query(`INSERT INTO case_assignments (id, case_id, user_id, organisation_id, assigned_by) VALUES ($1, $2, $3, $4, $3)`,
          [newId(), id, actor.userId, acting.organisationId]);
        await this.timeline.record(tx, actor, id, CaseEventKind.ASSIGNED, { userId: actor.userId, organisationId: acting.organisationId });
        changes.push({ action: 'CHANGE', subjectType: 'Case', subjectId: id, fields: ['assignees'], grounds: { role: acting.role }, details: { assigned: actor.userId } });
      }
      await this.audit.record(tx, auditActor(actor), changes);
      return this.cases.get(actor, id, tx);
    });
  }

  /** Whether the actor may already read every field of the person (what an assignment to their case opens). */
  private readsWhole(actor: Actor, person: Person): boolean {
    const ability = abilityFor(actor);
    return fieldsInCategories(Person, SENSITIVITY_CATEGORIES).every((field) => ability.can('read', subject('Person', person), field));
  }

  /** Nobody writes what they may not read: a change to a field the actor may not read of this case is refused. */
  private assertWritable(actor: Actor, current: Case, fields: readonly string[]): void {
    const ability = abilityFor(actor);
    const hidden = fields.find((field) => !ability.can('read', subject('Case', current), field));
    if (hidden) {
      throw new AppError(PublicErrorCode.FORBIDDEN, 'FIELD_NOT_WRITABLE', 'You may not change a field of this case that you may not read.', { field: `input.${hidden}` });
    }
  }

  private async byIdempotencyKey(actor: Actor, input: OpenCaseInput): Promise<Case | null> {
    const [row]: { id: string; person_id: string }[] = await this.db.query(
      `SELECT id, person_id FROM cases WHERE opened_by = $1 AND idempotency_key = $2`, [actor.userId, input.idempotencyKey]);
    if (!row) return null;
    if (row.person_id !== input.personId) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another request: use a new key for a new case.', 'input.idempotencyKey');
    }
    return this.cases.get(actor, row.id);
  }

  async update(actor: Actor, input: UpdateCaseInput): Promise<Case> {
    const needs = input.needs ? await this.needs.check(input.needs, 'input.needs') : undefined;
    return this.db.transaction(async (tx) => {
      const current = await this.cases.managed(tx, actor, input.caseId, 'work');
      if (current.status === CaseStatus.CLOSED) throw conflict('CASE_CLOSED', 'This case is closed: reopen it to change it.');
      // Notes are entries now: what a client still sends as `notes` is added as a new entry, never written over the others.
      const note = input.notes?.trim() || undefined;
      const changed = (['needs', 'priority', 'summary'] as const).filter((f) => input[f] !== undefined);
      if (changed.length === 0 && !note) throw badInput('NOTHING_TO_CHANGE', 'Change at least one of needs, priority or summary.');
      this.assertWritable(actor, current, note ? [...changed, 'notes'] : changed);
      if (changed.length > 0) {
        await this.bump(tx, input.caseId, input.version,
          `needs = COALESCE($3, needs), priority = COALESCE($4, priority), summary = COALESCE($5, summary)`,
          [needs ?? null, input.priority ?? null, input.summary ?? null]);
        await this.timeline.record(tx, actor, input.caseId, CaseEventKind.UPDATED, { changed: [...changed] });
      }
      const noteId = note ? await insertCaseNote(tx, actor, input.caseId, note, CaseNoteVisibility.CASE_TEAM) : null;
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Case', subjectId: input.caseId, fields: noteId ? [...changed, 'noteEntries'] : [...changed],
        ...(noteId ? { details: { note: noteId, visibility: CaseNoteVisibility.CASE_TEAM } } : {}),
      }]);
      return this.cases.get(actor, input.caseId, tx);
    });
  }

  async setStatus(actor: Actor, input: SetCaseStatusInput): Promise<Case> {
    return this.db.transaction(async (tx) => {
      const current = await this.cases.managed(tx, actor, input.caseId, 'work');
      const from = current.status!;
      if (from === input.status) throw badInput('SAME_STATUS', 'The case already has this status.', 'input.status');
      if (!MOVES[from].includes(input.status)) {
        throw badInput('STATUS_MOVE_NOT_ALLOWED', `A case that is ${from} cannot become ${input.status}.`, 'input.status');
      }
      if (from === CaseStatus.CLOSED && !abilityFor(actor).can('reopen', subject('Case', current))) {
        throw forbidden('REOPEN_NOT_ALLOWED', 'Only a coordinator of the organisation holding the case reopens it.');
      }
      const closing = input.status === CaseStatus.CLOSED;
      if (closing && !input.outcome) throw badInput('OUTCOME_REQUIRED', 'Record the outcome to close the case.', 'input.outcome');
      if (!closing && input.outcome) throw badInput('OUTCOME_ONLY_WHEN_CLOSING', 'An outcome is recorded only when the case is closed.', 'input.outcome');
      if (closing && input.outcomeNote) this.assertWritable(actor, current, ['outcomeNote']);
      await this.bump(tx, input.caseId, input.version,
        `status = $3, outcome = $4, outcome_note = $5, closed_at = CASE WHEN $3 = 'CLOSED' THEN now() END, closed_by = CASE WHEN $3 = 'CLOSED' THEN $6::uuid END`,
        [input.status, closing ? input.outcome : null, closing ? input.outcomeNote ?? null : null, actor.userId]);
      await this.timeline.record(tx, actor, input.caseId, CaseEventKind.STATUS_CHANGED, { from, to: input.status, outcome: closing ? input.outcome! : null });
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Case', subjectId: input.caseId, fields: closing ? ['status', 'outcome', 'outcomeNote'] : ['status'],
        details: { from, to: input.status },
      }]);
      return this.cases.get(actor, input.caseId, tx);
    });
  }

  /** Applies a change if the case is still at the version the client read; else CONFLICT and nothing changes. */
  private async bump(tx: EntityManager, caseId: string, version: number, set: string, values: unknown[]): Promise<void> {
    const updated = await changedRows(tx,
      `UPDATE cases SET ${set}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`, [caseId, version, ...values]);
    if (updated.length === 0) {
      throw conflict('STALE_VERSION', 'Someone changed this case since you opened it: reload it and make your change again.', 'input.version');
    }
  }
}
