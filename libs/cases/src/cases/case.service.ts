import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, queryUnderRules } from '@zhulian/access';
import { Actor, conflict, Connection, cursorScope, forbidden, notFound, PageArgs, paginateSeek, SeekRow, SeekSort, SortDirection } from '@zhulian/core';
import { ConsentGates, Person, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { CaseFilter, CaseOrder, CaseOrderField } from '../dto/case.inputs';
import { CASE_COLUMNS } from './case.rules';
import { CASE_STORE, casesFrom } from './case.store';
import { Case, CaseStatus } from './case.type';

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

/** Cases as the actor may see them (one, a page, a count, their people), and a case locked for a change the actor may make. */
@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
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
    return paginateSeek<SeekRow, Case>(args, sort, cursorScope(actor, 'cases'), (page) =>
      queryUnderRules<SeekRow>(this.db.manager, actor, {
        subjectType: 'Case', columns: CASE_COLUMNS, select: CASE_STORE.select + page.keyColumn, from: casesFrom(this.gates),
        where: `${filter.sql} ${page.where}`, params: { ...filter.params, ...page.params }, tail: page.tail,
      }), CASE_STORE.toModel);
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
   * For what others add to a case (its notes, its attachments): the case under the rules, locked, if the actor
   * works it (its coordinators, its assigned caseworkers) and it is not closed.
   */
  async lockedForWork(tx: EntityManager, actor: Actor, caseId: string): Promise<Case> {
    const current = await this.managed(tx, actor, caseId, 'work');
    if (current.status === CaseStatus.CLOSED) throw conflict('CASE_CLOSED', 'This case is closed: reopen it to add to it.');
    return current;
  }

  /** The case under the rules, locked for the change, if the actor may do this to it. */
  async managed(tx: EntityManager, actor: Actor, caseId: string, action: 'work' | 'assign'): Promise<Case> {
    const current = await this.get(actor, caseId, tx);
    if (!abilityFor(actor).can(action, subject('Case', current))) {
      throw forbidden(action === 'assign' ? 'ASSIGN_NOT_ALLOWED' : 'CASE_CHANGE_NOT_ALLOWED',
        action === 'assign' ? 'Only a coordinator of the organisation holding the case assigns it.' : 'Only the case’s coordinators and assigned caseworkers change it.');
    }
    await tx.query(`SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    return current;
  }

  /** The people of the given cases, each under the person rules: one statement for a page. */
  async peopleOf(actor: Actor, personIds: readonly string[]): Promise<Map<string, Person>> {
    const people = await this.people.select(this.db.manager, actor, 'AND p.id = ANY(:ids)', { ids: [...personIds] }, '');
    return new Map(people.map((p) => [p.id, p]));
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Case[]> {
    const rows = await queryUnderRules<object>(tx, actor, { subjectType: 'Case', columns: CASE_COLUMNS, select: CASE_STORE.select, from: casesFrom(this.gates), where, params, tail });
    return rows.map(CASE_STORE.toModel);
  }
}
