import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditEvent, AuditTrail, fieldsInCategories, queryUnderRules, SENSITIVITY_CATEGORIES } from '@zhulian/access';
import { Actor, ActorMembership, AppError, badInput, changedRows, conflict, Connection, createOnce, cursorScope, forbidden, inTransaction, NeedService, newId, notFound, PageArgs, paginateSeek, PublicErrorCode, requireRole, Role, SeekRow, SeekSort, SortDirection } from '@zhulian/core';
import { activeMemberships } from '@zhulian/identity';
import { Outbox } from '@zhulian/realtime';
import { ConsentGates, ConsentPurpose, hasConsentInForce, Person, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { AssignCaseInput, CaseFilter, CaseOrder, CaseOrderField, OpenCaseInput, SetCaseStatusInput, UnassignCaseInput, UpdateCaseInput } from '../dto/case.inputs';
import { CaseNoteVisibility } from '../notes/case-note.type';
import { insertCaseNote } from '../notes/insert-case-note';
import { CASE_COLUMNS } from './case.rules';
import { CaseTimeline } from './case-timeline';
import { caseAssignedEvent } from './case-events';
import { AssignableCaseworker, Case, CaseEventKind, CasePriority, CaseStatus } from './case.type';

interface CaseRow {
  id: string;
  case_number: string;
  person_id: string;
  holding_organisation_id: string;
  region_code: string;
  needs: string[];
  priority: CasePriority;
  status: CaseStatus;
  summary: string | null;
  outcome: Case['outcome'];
  outcome_note: string | null;
  version: number;
  created_at: Date;
  closed_at: Date | null;
  consented_categories: string[];
  consent_ids: string[];
  assigned_to_me: boolean;
}

/** The acting organisation's consents that open the case's person's data now, as arrays the rules can test. */
const casesFrom = (gates: ConsentGates) => `FROM cases k ${gates.openingTo('k.person_id')}`;

const CASE_SELECT = `SELECT k.id, k.case_number, k.person_id, k.holding_organisation_id, k.region_code, k.needs, k.priority, k.status, k.summary,
  k.outcome, k.outcome_note, k.version, k.created_at, k.closed_at,
  COALESCE(g.categories, '{}') AS consented_categories, COALESCE(g.ids, '{}') AS consent_ids, ${CASE_COLUMNS.assignedToMe} AS assigned_to_me`;

/**
 * The keys of the cases list's sorts (before the id). Only basic facts, which every rule that shows a case
 * shows: the order and the cursor reveal nothing a viewer may not read. Indexed with the holder first
 * (migration ListSorts), as the rules filter by it.
 */
export const CASE_SORTS: Record<CaseOrderField, string[]> = {
  [CaseOrderField.OPENED]: ['k.created_at'],
  [CaseOrderField.NUMBER]: ['k.case_number COLLATE "C"'],
  [CaseOrderField.PRIORITY]: [`array_position(ARRAY['LOW', 'NORMAL', 'HIGH', 'URGENT']::text[], k.priority)`, 'k.created_at'],
  [CaseOrderField.STATUS]: [`array_position(ARRAY['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED']::text[], k.status)`, 'k.created_at'],
};

/** The moves a case's status may make. Reopening a closed case is the holder's coordinators' call. */
const MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  [CaseStatus.OPEN]: [CaseStatus.IN_PROGRESS, CaseStatus.ON_HOLD, CaseStatus.CLOSED],
  [CaseStatus.IN_PROGRESS]: [CaseStatus.ON_HOLD, CaseStatus.CLOSED],
  [CaseStatus.ON_HOLD]: [CaseStatus.IN_PROGRESS, CaseStatus.CLOSED],
  [CaseStatus.CLOSED]: [CaseStatus.OPEN],
};

/** Who opens cases: those who work them. */
const CASE_OPENERS = [Role.COORDINATOR, Role.CASEWORKER] as const;

/** Roles that may be assigned to work a case. */
const ASSIGNABLE = [Role.CASEWORKER, Role.COORDINATOR];

@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly needs: NeedService,
    private readonly timeline: CaseTimeline,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly gates: ConsentGates,
  ) {}

  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Case> {
    const [found] = await this.select(tx, actor, 'AND k.id = :id', { id }, 'LIMIT 1');
    if (!found) throw notFound('CASE_NOT_FOUND', 'No such case, or not one you may see.');
    return found;
  }

  /** A page of the cases the actor may see, newest first unless `orderBy` says otherwise (on basic facts only: see CASE_SORTS). */
  list(actor: Actor, args: PageArgs & { filter?: CaseFilter; orderBy?: CaseOrder }): Promise<Connection<Case>> {
    const filter = this.filterCondition(args.filter);
    const field = args.orderBy?.field ?? CaseOrderField.OPENED;
    const sort: SeekSort = { name: field, keys: CASE_SORTS[field], id: 'k.id', direction: args.orderBy?.direction ?? SortDirection.DESC };
    return paginateSeek<CaseRow & SeekRow, Case>(args, sort, cursorScope(actor, 'cases'), (page) =>
      queryUnderRules<CaseRow & SeekRow>(this.db.manager, actor, {
        subjectType: 'Case', columns: CASE_COLUMNS, select: CASE_SELECT + page.keyColumn, from: casesFrom(this.gates),
        where: `${filter.sql} ${page.where}`, params: { ...filter.params, ...page.params }, tail: page.tail,
      }), toCase);
  }

  async count(actor: Actor, filterInput?: CaseFilter): Promise<number> {
    const filter = this.filterCondition(filterInput);
    const [row] = await queryUnderRules<{ n: string }>(this.db.manager, actor, {
      subjectType: 'Case', columns: CASE_COLUMNS, select: 'SELECT count(*) AS n', from: casesFrom(this.gates), where: filter.sql, params: filter.params,
    });
    return Number(row.n);
  }

  /** The filters touch only fields every viewer of a case may read (its basics), so none is refused. */
  private filterCondition(filter: CaseFilter | undefined): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    if (filter?.status?.length) parts.push('AND k.status = ANY(:status)');
    if (filter?.assignedToMe) parts.push(`AND ${CASE_COLUMNS.assignedToMe}`);
    if (filter?.unassigned) parts.push('AND NOT EXISTS (SELECT 1 FROM case_assignments u WHERE u.case_id = k.id AND u.ended_at IS NULL)');
    if (filter?.personId) parts.push('AND k.person_id = :personId');
    if (filter?.need) parts.push('AND :need = ANY(k.needs)');
    // A case's number is no secret to whoever may see the case: part of it, as typed, finds it.
    const number = filter?.caseNumber?.trim();
    if (number) parts.push(`AND k.case_number ILIKE :caseNumber ESCAPE '\\'`);
    return {
      sql: parts.join(' '),
      params: { status: filter?.status, personId: filter?.personId, need: filter?.need, caseNumber: number ? `%${number.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined },
    };
  }

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
      return this.get(actor, id, tx);
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
    return this.get(actor, row.id);
  }

  async update(actor: Actor, input: UpdateCaseInput): Promise<Case> {
    const needs = input.needs ? await this.needs.check(input.needs, 'input.needs') : undefined;
    return this.db.transaction(async (tx) => {
      const current = await this.managed(tx, actor, input.caseId, 'work');
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
      return this.get(actor, input.caseId, tx);
    });
  }

  async setStatus(actor: Actor, input: SetCaseStatusInput): Promise<Case> {
    return this.db.transaction(async (tx) => {
      const current = await this.managed(tx, actor, input.caseId, 'work');
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
      return this.get(actor, input.caseId, tx);
    });
  }

  /**
   * Assigns a caseworker: one of the acting organisation's, or of another organisation to which the
   * person consented for case management (that caseworker then sees the consented categories only).
   */
  async assign(actor: Actor, input: AssignCaseInput): Promise<Case> {
    return this.db.transaction(async (tx) => {
      const current = await this.managed(tx, actor, input.caseId, 'assign');
      if (current.status === CaseStatus.CLOSED) throw conflict('CASE_CLOSED', 'This case is closed: reopen it to assign someone.');
      const organisationId = await this.assignableOrganisation(tx, current, input.userId);
      if (input.replacesUserId) await this.endAssignment(tx, actor, current.id, input.replacesUserId);
      const inserted: unknown[] = await tx.query(
        `INSERT INTO case_assignments (id, case_id, user_id, organisation_id, assigned_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (case_id, user_id) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
        [newId(), current.id, input.userId, organisationId, actor.userId]);
      if (inserted.length === 0) throw conflict('ALREADY_ASSIGNED', 'This caseworker is already assigned to the case.', 'input.userId');
      await tx.query(`UPDATE cases SET updated_at = now(), version = version + 1 WHERE id = $1`, [current.id]);
      await this.timeline.record(tx, actor, current.id, CaseEventKind.ASSIGNED, { userId: input.userId, organisationId });
      await this.outbox.publish(tx, actor, [caseAssignedEvent(current.id, input.userId)]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Case', subjectId: current.id, fields: ['assignees'], details: { assigned: input.userId, organisation: organisationId },
      }]);
      return this.get(actor, current.id, tx);
    });
  }

  async unassign(actor: Actor, input: UnassignCaseInput): Promise<Case> {
    return this.db.transaction(async (tx) => {
      const current = await this.managed(tx, actor, input.caseId, 'assign');
      await this.endAssignment(tx, actor, current.id, input.userId);
      await tx.query(`UPDATE cases SET updated_at = now(), version = version + 1 WHERE id = $1`, [current.id]);
      return this.get(actor, current.id, tx);
    });
  }

  private async endAssignment(tx: EntityManager, actor: Actor, caseId: string, userId: string): Promise<void> {
    const ended = await changedRows(tx,
      `UPDATE case_assignments SET ended_at = now(), ended_by = $3 WHERE case_id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id`,
      [caseId, userId, actor.userId]);
    if (ended.length === 0) throw notFound('ASSIGNMENT_NOT_FOUND', 'This caseworker is not assigned to the case.', 'input.userId');
    await this.timeline.record(tx, actor, caseId, CaseEventKind.UNASSIGNED, { userId });
    await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Case', subjectId: caseId, fields: ['assignees'], details: { unassigned: userId } }]);
  }

  /** Where a user may be assigned from: their membership that may work cases, and the consent that lets them. */
  private async assignableOrganisation(tx: EntityManager, current: Case, userId: string): Promise<string> {
    const memberships: { organisation_id: string; consented: boolean }[] = await tx.query(
      `SELECT m.organisation_id, ${hasConsentInForce('$3', ConsentPurpose.CASE_MANAGEMENT, 'm.organisation_id')} AS consented
         FROM ${activeMemberships('m')}
        WHERE m.user_id = $1 AND m.role = ANY($2)
        ORDER BY m.organisation_id = $4 DESC`,
      [userId, ASSIGNABLE, current.personId, current.holdingOrganisationId]);
    if (memberships.length === 0) throw badInput('NOT_A_CASEWORKER', 'Choose an active caseworker or coordinator.', 'input.userId');
    const [best] = memberships;
    if (best.organisation_id === current.holdingOrganisationId) return best.organisation_id;
    const consented = memberships.find((m) => m.consented);
    if (!consented) {
      throw forbidden('CONSENT_REQUIRED', 'This caseworker belongs to another organisation: the person must first consent to that organisation for case management.');
    }
    return consented.organisation_id;
  }

  /** The caseworkers a coordinator may assign to a case: their organisation's, and those of organisations with consent. */
  async assignable(actor: Actor, caseId: string): Promise<AssignableCaseworker[]> {
    const current = await this.managed(this.db.manager, actor, caseId, 'assign');
    const rows: { user_id: string; display_name: string; organisation_id: string; organisation_name: string }[] = await this.db.query(
      `SELECT m.user_id, m.display_name, o.id AS organisation_id, o.name AS organisation_name
         FROM ${activeMemberships('m')} JOIN organisations o ON o.id = m.organisation_id
        WHERE m.role = ANY($1)
          AND (m.organisation_id = $2 OR ${hasConsentInForce('$3', ConsentPurpose.CASE_MANAGEMENT, 'm.organisation_id')})
        ORDER BY m.organisation_id = $2 DESC, o.name, m.display_name LIMIT 200`,
      [ASSIGNABLE, current.holdingOrganisationId, current.personId]);
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, organisationId: r.organisation_id, organisationName: r.organisation_name }));
  }

  /**
   * For what others add to a case (its notes, its attachments): the case under the rules, locked, if the actor
   * works it (its coordinators, its assigned caseworkers) and it is not closed.
   */
  async lockedForWork(tx: EntityManager, actor: Actor, caseId: string): Promise<Case> {
    const current = await this.managed(tx, actor, caseId, 'work');
    if (current.status === CaseStatus.CLOSED) throw conflict('CASE_CLOSED', 'This case is closed: reopen it to add to it.');
    return current;
  }

  /** The case under the rules, locked for the change, if the actor may do this to it. */
  private async managed(tx: EntityManager, actor: Actor, caseId: string, action: 'work' | 'assign'): Promise<Case> {
    const current = await this.get(actor, caseId, tx);
    if (!abilityFor(actor).can(action, subject('Case', current))) {
      throw forbidden(action === 'assign' ? 'ASSIGN_NOT_ALLOWED' : 'CASE_CHANGE_NOT_ALLOWED',
        action === 'assign' ? 'Only a coordinator of the organisation holding the case assigns it.' : 'Only the case’s coordinators and assigned caseworkers change it.');
    }
    await tx.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    return current;
  }

  /** Applies a change if the case is still at the version the client read; else CONFLICT and nothing changes. */
  private async bump(tx: EntityManager, caseId: string, version: number, set: string, values: unknown[]): Promise<void> {
    const updated = await changedRows(tx,
      `UPDATE cases SET ${set}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`, [caseId, version, ...values]);
    if (updated.length === 0) {
      throw conflict('STALE_VERSION', 'Someone changed this case since you opened it: reload it and make your change again.', 'input.version');
    }
  }

  /** The people of the given cases, each under the person rules: one statement for a page. */
  async peopleOf(actor: Actor, personIds: readonly string[]): Promise<Map<string, Person>> {
    const people = await this.people.select(this.db.manager, actor, 'AND p.id = ANY(:ids)', { ids: [...personIds] }, '');
    return new Map(people.map((p) => [p.id, p]));
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Case[]> {
    const rows = await queryUnderRules<CaseRow>(tx, actor, { subjectType: 'Case', columns: CASE_COLUMNS, select: CASE_SELECT, from: casesFrom(this.gates), where, params, tail });
    return rows.map(toCase);
  }
}

function toCase(row: CaseRow): Case {
  return Object.assign(new Case(), {
    id: row.id,
    caseNumber: row.case_number,
    needs: row.needs,
    priority: row.priority,
    status: row.status,
    regionCode: row.region_code,
    summary: row.summary,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    holdingOrganisationId: row.holding_organisation_id,
    version: row.version,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    personId: row.person_id,
    assignedToMe: row.assigned_to_me,
    consentedCategories: row.consented_categories,
    consentIds: row.consent_ids,
  });
}
