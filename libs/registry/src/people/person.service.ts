import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, namesToLookFor, queryUnderRules, rowFilter } from '@zhulian/access';
import { Actor, badInput, Connection, cursorScope, forbidden, notFound, PageArgs, paginateById, SortDirection } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { IdNumberVault } from '../crypto/id-number-vault';
import { ConsentGates } from '../consents/valid-consent';
import { PeopleOrder, PeopleSearch } from '../dto/people-search.input';
import { Person } from './person.type';
import { PersonAttributes } from './person-attributes';
import { PersonIdNumbers } from './person-id-numbers';
import { PERSON_STORE, peopleFrom, toPerson } from './person.store';
import { normaliseMobile, parseResidentId } from './resident-id';
import { LookupAudit, LookupMatch } from './lookup-audit';

/** Beyond this many people counted by ID number or phone, a count records the first ones only (a phone shared by that many is no one's). */
const COUNTED_LOOKUPS = 1000;
/** People as the actor may see them (one, a page, a count, a household's members), each under the person rules; the statement every other read over people goes through. */
@Injectable()
export class PersonService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly idNumbers: PersonIdNumbers,
    private readonly lookups: LookupAudit,
    private readonly attributes: PersonAttributes,
    private readonly gates: ConsentGates,
  ) {}

  /** The ID vault, for MergeService, which re-seals a survivor's number (PersonIdNumbers holds it). */
  get vault(): IdNumberVault {
    return this.idNumbers.vault;
  }

  /** One person; the id of a record merged into another leads to the record it was merged into. */
  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Person> {
    const [row] = await this.select(tx, actor, 'AND p.id = :id', { id }, 'LIMIT 1');
    if (row) return row;
    const [merged]: { merged_into: string }[] = await tx.query(`SELECT merged_into FROM people WHERE id = $1 AND merged_into IS NOT NULL`, [id]);
    const [survivor] = merged ? await this.select(tx, actor, 'AND p.id = :id', { id: merged.merged_into }, 'LIMIT 1') : [];
    if (!survivor) throw notFound('PERSON_NOT_FOUND', 'No such person, or not one you may see.');
    return survivor;
  }

  /**
   * A page of the people the actor may see. Ordered by name, it holds only the people whose name the
   * actor may read (and is refused to those who may read no name): the order must not reveal names.
   * The cursor holds only the record's id, never a name. Names sort by code point (the same on every
   * server, whatever its locale).
   */
  list(actor: Actor, args: PageArgs & { search?: PeopleSearch; orderBy?: PeopleOrder; orderDirection?: SortDirection }): Promise<Connection<Person>> {
    const search = this.searchCondition(actor, args.search);
    const desc = args.orderDirection === SortDirection.DESC;
    const [seek, direction] = desc ? ['<', 'DESC'] : ['>', 'ASC'];
    if (args.orderBy === PeopleOrder.NAME) {
      const readable = this.readableCondition(actor, 'fullName', 'sort by name');
      // The cursor's id was signed for this viewer and this order, from a row listed to them: its name is one they were shown.
      return paginateById(args, (after, limit) =>
        this.audited(actor, search, this.select(this.db.manager, actor,
          `${search.sql} AND ${readable.sql} ${after ? `AND (p.full_name COLLATE "C", p.id) ${seek} (SELECT a.full_name COLLATE "C", a.id FROM people a WHERE a.id = :after)` : ''}`,
          { ...search.params, ...readable.params, after }, `ORDER BY p.full_name COLLATE "C" ${direction}, p.id ${direction} LIMIT ${Number(limit)}`)),
        cursorScope(actor, `people:NAME:${direction}`));
    }
    return paginateById(args, (after, limit) =>
      this.audited(actor, search, this.select(this.db.manager, actor, `${search.sql} ${after ? `AND p.id ${seek} :after` : ''}`, { ...search.params, after },
        `ORDER BY p.id ${direction} LIMIT ${Number(limit)}`)),
      cursorScope(actor, `people:${direction}`));
  }

  /** The people a search found, once the search's tests of values beyond `basic` are recorded as look-ups of them. */
  private async audited<T extends LookupMatch>(actor: Actor, search: { tested: string[] }, found: Promise<T[]>): Promise<T[]> {
    const rows = await found;
    if (search.tested.length > 0) await this.lookups.record(actor, { fields: search.tested, via: 'people-search', matches: rows });
    return rows;
  }

  /** The members of the given households whom the actor may see, head first, then by generation and age: one statement for any number of households. */
  async inHouseholds(actor: Actor, householdIds: readonly string[]): Promise<Map<string, Person[]>> {
    const people = await this.select(this.db.manager, actor, 'AND p.household_id = ANY(:households)', { households: [...householdIds] },
      `ORDER BY p.household_id, array_position(ARRAY['HEAD', 'SPOUSE', 'PARENT', 'GRANDPARENT', 'SIBLING', 'CHILD', 'GRANDCHILD', 'OTHER'], p.relation_to_head),
        p.birth_date NULLS LAST, p.id`);
    const byHousehold = new Map<string, Person[]>();
    for (const person of people) byHousehold.set(person.householdId!, [...(byHousehold.get(person.householdId!) ?? []), person]);
    return byHousehold;
  }

  /**
   * SQL: the rows where the actor may read a field — for filtering, sorting or matching by it. Refused
   * (FORBIDDEN) when no rule ever lets the actor read it: no side channel reveals a value.
   */
  readableCondition(actor: Actor, field: string, doing: string): { sql: string; params: Record<string, unknown> } {
    const ability = abilityFor(actor);
    if (!ability.can('read', 'Person', field)) {
      throw forbidden('FILTER_NOT_ALLOWED', `You may not ${doing}: your role does not let you read it.`);
    }
    return rowFilter(ability, 'read', 'Person', this.attributes.columns(), { field });
  }

  /** Counts only the rows the actor may see (and that match the search). */
  async count(actor: Actor, searchInput?: PeopleSearch): Promise<number> {
    const search = this.searchCondition(actor, searchInput);
    if (search.tested.length > 0) {
      // A count by ID number or phone confirms a value as surely as a list: the people it counted are recorded as looked up.
      const matches = await this.audited(actor, search, this.run<{ id: string; holdingOrganisationId: string }>(this.db.manager, actor,
        'SELECT p.id, p.holding_organisation_id AS "holdingOrganisationId"', search.sql, search.params, `LIMIT ${COUNTED_LOOKUPS}`));
      if (matches.length < COUNTED_LOOKUPS) return matches.length;
    }
    const [row]: { n: string }[] = await this.run(this.db.manager, actor, 'SELECT count(*) AS n', search.sql, search.params, '');
    return Number(row.n);
  }

  /**
   * Search criteria as SQL. Each needs a rule that can let the actor read the field (else FORBIDDEN),
   * and matches only rows where the actor may read it: a search never tells whether a value exists
   * in a record the actor may not read.
   */
  private searchCondition(actor: Actor, search: PeopleSearch | undefined): { sql: string; params: Record<string, unknown>; tested: string[] } {
    const parts: string[] = [];
    const tested: string[] = [];
    const params: Record<string, unknown> = {};
    const readable = (field: string, argument: string) => {
      const filter = this.readableCondition(actor, field, `search by ${argument}`);
      Object.assign(params, filter.params);
      return filter.sql;
    };
    if (search?.name) {
      parts.push(`p.full_name ILIKE :nameLike ESCAPE '\\' AND ${readable('fullName', 'name')}`);
      params.nameLike = `%${search.name.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (search?.idNumber) {
      const parsed = parseResidentId(search.idNumber);
      const normalised = parsed.ok ? parsed.facts.normalised : search.idNumber.replace(/\s+/g, '').toUpperCase();
      parts.push(`p.id_blind_index = :blindIndex AND ${readable('idNumber', 'ID number')}`);
      tested.push('idNumber');
      params.blindIndex = this.idNumbers.vault.blindIndex(normalised);
    }
    if (search?.phone) {
      const phone = normaliseMobile(search.phone);
      if (!phone) throw badInput('INVALID_PHONE', 'Enter an 11-digit mainland mobile number, e.g. 13800138000.', 'search.phone');
      parts.push(`p.phone = :phone AND ${readable('phone', 'phone number')}`);
      tested.push('phone');
      params.phone = phone;
    }
    return { sql: parts.map((part) => `AND ${part}`).join(' '), params, tested };
  }
  /**
   * The names of a person to keep out of free text the actor writes for another organisation (a note to a
   * receiver, a decline reason). Only names the actor may read: refusing a text for a name the writer may
   * not read would confirm a guess at it.
   */
  async namesToKeepOut(actor: Actor, personId: string, tx: EntityManager = this.db.manager): Promise<string[]> {
    const [person] = await this.select(tx, actor, 'AND p.id = :id', { id: personId }, 'LIMIT 1');
    if (!person || !abilityFor(actor).can('read', subject('Person', person), 'fullName')) return [];
    return namesToLookFor(person.fullName);
  }
  /** Live people the actor may see that meet the extra conditions (`AND …`). */
  async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Person[]> {
    return (await this.rows(tx, actor, where, params, tail)).map(toPerson);
  }

  /** The same as rows, with extra columns (`, expr AS name`) computed beside each person and joins after the people's. */
  rows<X = object>(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string, extra: { select?: string; from?: string } = {}) {
    return this.run<X>(tx, actor, `${PERSON_STORE.select}${this.attributes.select()}${extra.select ?? ''}`, where, params, tail, extra.from);
  }

  /** Every statement over people goes through here: the rules become part of its WHERE clause. */
  private run<T>(tx: EntityManager, actor: Actor, select: string, where: string, params: Record<string, unknown>, tail: string, from = ''): Promise<T[]> {
    return queryUnderRules<T>(tx, actor, {
      subjectType: 'Person', columns: this.attributes.columns(), select, from: `${peopleFrom(this.gates, this.attributes)} ${from}`, where: `AND p.merged_into IS NULL ${where}`, params, tail,
    });
  }
}
