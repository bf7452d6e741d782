import { subject } from '@casl/ability';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, auditActor, AuditTrail, namesToLookFor, queryUnderRules, rowFilter } from '@zhulian/access';
import { Actor, ActorMembership, APP_CONFIG, AppConfig, badInput, checkRegionCode, conflict, Connection, createOnce, cursorScope, forbidden, inTransaction, newId, notFound, PageArgs, paginateById, requireRole, Role, SortDirection } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { IdNumberVault } from '../crypto/id-number-vault';
import { ConsentGates } from '../consents/valid-consent';
import { PeopleOrder, PeopleSearch } from '../dto/people-search.input';
import { HouseholdRelation } from '../households/household.type';
import { RegisterPersonInput } from '../dto/register-person.input';
import { Gender, IdDocumentType, Person } from './person.type';
import { PersonAttributes } from './person-attributes';
import { PERSON_COLUMNS } from './person.rules';
import { normaliseMobile, parseResidentId } from './resident-id';
import { IdentityLookups } from './identity-lookups';
import { LookupAudit, LookupMatch } from './lookup-audit';

export interface PersonRow {
  id: string;
  holding_organisation_id: string;
  registered_by: string;
  full_name: string;
  gender: Person['gender'];
  birth_date: string | null;
  id_document_type: IdDocumentType | null;
  id_key_id: string | null;
  id_sealed: Buffer | null;
  phone: string | null;
  address: string | null;
  region_code: string;
  household_id: string | null;
  relation_to_head: HouseholdRelation | null;
  merged_from: string[];
  disability: string | null;
  chronic_illness: string | null;
  monthly_income_cents: string | null;
  assistance: Person['assistance'];
  notes: string | null;
  created_at: Date;
  consented_categories: string[];
  consent_ids: string[];
  break_glass: boolean;
}

/** People with the acting organisation's consents that open them now, and the attributes other domains declared. */
const peopleFrom = (gates: ConsentGates, attributes: PersonAttributes) => `FROM people p ${gates.openingTo('p.id')}${attributes.joins()}`;

const PERSON_SELECT = `SELECT p.id, p.holding_organisation_id, p.registered_by, p.full_name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
  p.id_document_type, p.id_key_id, p.id_sealed, p.phone, p.address, p.region_code, p.household_id, p.relation_to_head,
  ARRAY(SELECT m.id FROM people m WHERE m.merged_into = p.id ORDER BY m.id) AS merged_from, p.disability, p.chronic_illness,
  p.monthly_income_cents, p.assistance, p.notes, p.created_at,
  COALESCE(g.categories, '{}') AS consented_categories, COALESCE(g.ids, '{}') AS consent_ids,
  ${PERSON_COLUMNS.breakGlass} AS break_glass`;

const DUPLICATE_ID_NUMBER = () =>
  conflict('DUPLICATE_ID_NUMBER', 'A person with this ID number is already registered in the alliance. Search for them instead of registering again.', 'input.idNumber');

/** Beyond this many people counted by ID number or phone, a count records the first ones only (a phone shared by that many is no one's). */
const COUNTED_LOOKUPS = 1000;

/** Who may register people: those who work cases. */
const REGISTRARS = [Role.COORDINATOR, Role.CASEWORKER] as const;

@Injectable()
export class PersonService {
  readonly vault: IdNumberVault;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly audit: AuditTrail,
    private readonly identityLookups: IdentityLookups,
    private readonly lookups: LookupAudit,
    private readonly attributes: PersonAttributes,
    private readonly gates: ConsentGates,
  ) {
    this.vault = new IdNumberVault(config);
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
      params.blindIndex = this.vault.blindIndex(normalised);
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
   * Registers a person. Within a caller's transaction (`tx`) the registration commits or rolls back with
   * the rest of what the caller does, and the caller's own idempotency key answers for retries (the input's is not used).
   */
  async register(actor: Actor, input: RegisterPersonInput, tx?: EntityManager): Promise<Person> {
    const acting = requireRole(actor, REGISTRARS, 'register people');
    const key = input.idempotencyKey;
    if (tx) return this.insert(actor, acting, { ...input, idempotencyKey: undefined }, tx);
    return createOnce(key, 'people_idempotency_key', () => this.byIdempotencyKey(actor, key!), () => this.insert(actor, acting, input));
  }

  private async byIdempotencyKey(actor: Actor, key: string): Promise<Person | null> {
    const [row]: { id: string }[] = await this.db.query(`SELECT id FROM people WHERE registered_by = $1 AND idempotency_key = $2`, [actor.userId, key]);
    return row ? this.get(actor, row.id) : null;
  }

  private async insert(actor: Actor, acting: ActorMembership, input: RegisterPersonInput, outer?: EntityManager): Promise<Person> {
    const facts = this.check(input);
    const id = newId();
    const sealed = facts.idNumber ? this.vault.seal(facts.idNumber, id) : null;
    const blindIndex = facts.idNumber ? this.vault.blindIndex(facts.idNumber) : null;
    // Registering answers "is this number registered?" like a duplicate check: counted before anything else is checked.
    if (blindIndex) await this.identityLookups.charge(actor, blindIndex);
    return inTransaction(this.db, outer, async (tx) => {
      // Everything else is settled before the ID number is looked up, so that the answer about it comes last
      // and only to a registration that would otherwise succeed.
      const household = await this.householdFor(tx, actor, input);
      if (blindIndex) {
        const [existing]: { id: string; holding_organisation_id: string }[] = await tx.query(
          `SELECT id, holding_organisation_id FROM people WHERE id_blind_index = $1 AND merged_into IS NULL`, [blindIndex]);
        if (existing) {
          await this.identityLookups.recordAnswer(actor, { id: existing.id, holdingOrganisationId: existing.holding_organisation_id }, 'register-person');
          throw DUPLICATE_ID_NUMBER();
        }
      }
      // Two registrations of one number at the same moment: the unique index lets one through.
      await uniqueOr(DUPLICATE_ID_NUMBER, 'people_id_blind_index_key', () => tx.query(
        `INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, birth_date, id_document_type, id_key_id, id_sealed,
           id_blind_index, phone, address, region_code, household_id, relation_to_head, disability, chronic_illness, monthly_income_cents, assistance, notes,
           idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
        [id, acting.organisationId, actor.userId, input.fullName, facts.gender, facts.birthDate, facts.idNumber ? input.idDocumentType ?? IdDocumentType.RESIDENT_ID : null,
          sealed?.keyId ?? null, sealed?.sealed ?? null, blindIndex, facts.phone, input.address ?? null, input.regionCode, household?.id ?? null,
          household?.relation ?? null, input.disability ?? null, input.chronicIllness ?? null, input.monthlyIncomeCents ?? null, input.assistance ?? [], input.notes ?? null,
          input.idempotencyKey ?? null],
      ));
      const changes = [{
        action: 'CHANGE' as const, subjectType: 'Person', subjectId: id, grounds: { role: acting.role },
        fields: Object.keys(input).filter((k) => input[k as keyof RegisterPersonInput] !== undefined && k !== 'idempotencyKey').sort(),
      }];
      if (household?.founded) {
        changes.push({ action: 'CHANGE', subjectType: 'Household', subjectId: household.id, grounds: { role: acting.role },
          fields: Object.keys(input.newHousehold!).filter((k) => input.newHousehold![k as keyof typeof input.newHousehold] !== undefined).sort() });
      }
      await this.audit.record(tx, auditActor(actor), changes);
      const [row] = await this.select(tx, actor, 'AND p.id = :id', { id }, 'LIMIT 1');
      return row;
    });
  }

  /**
   * The household a person being registered joins or founds. Joining needs a household the acting
   * organisation holds (locked, so that two registrations cannot both become its head); founding
   * makes the person its head.
   */
  private async householdFor(tx: EntityManager, actor: Actor, input: RegisterPersonInput) {
    const organisationId = actor.acting!.organisationId;
    if (input.newHousehold) {
      if (input.householdId) throw badInput('HOUSEHOLD_CHOICE', 'Either join a household or found a new one, not both.', 'input.newHousehold');
      if (input.relationToHead && input.relationToHead !== HouseholdRelation.HEAD) {
        throw badInput('FOUNDER_IS_HEAD', 'The person who founds a household is its head.', 'input.relationToHead');
      }
      const id = newId();
      await tx.query(
        `INSERT INTO households (id, holding_organisation_id, registered_by, region_code, address, monthly_income_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, organisationId, actor.userId, input.regionCode, input.newHousehold.address ?? input.address ?? null, input.newHousehold.monthlyIncomeCents ?? null]);
      return { id, relation: HouseholdRelation.HEAD, founded: true };
    }
    if (!input.householdId) {
      if (input.relationToHead) throw badInput('HOUSEHOLD_REQUIRED', 'Choose the household whose head this relation refers to.', 'input.householdId');
      return null;
    }
    if (!input.relationToHead) throw badInput('RELATION_REQUIRED', 'Choose how the person is related to the head of the household.', 'input.relationToHead');
    const [household]: { id: string }[] = await tx.query(
      `SELECT id FROM households WHERE id = $1 AND holding_organisation_id = $2 FOR UPDATE`, [input.householdId, organisationId]);
    if (!household) throw notFound('HOUSEHOLD_NOT_FOUND', 'No such household held by your organisation.', 'input.householdId');
    if (input.relationToHead === HouseholdRelation.HEAD) {
      const [head] = await tx.query(`SELECT 1 FROM people WHERE household_id = $1 AND relation_to_head = 'HEAD' AND merged_into IS NULL`, [household.id]);
      if (head) throw conflict('HOUSEHOLD_HAS_HEAD', 'This household already has a head. Choose the person’s relation to them.', 'input.relationToHead');
    }
    return { id: household.id, relation: input.relationToHead, founded: false };
  }

  /** Checks what cannot be checked field by field, and derives what the ID number says. */
  private check(input: RegisterPersonInput) {
    let { gender = null, birthDate = null } = input;
    let idNumber: string | null = null;
    if (birthDate !== null && !isRealPastDate(birthDate)) throw badInput('INVALID_BIRTH_DATE', 'This date of birth does not exist or lies in the future.', 'input.birthDate');
    if (input.idNumber) {
      const type = input.idDocumentType ?? IdDocumentType.RESIDENT_ID;
      if (type === IdDocumentType.RESIDENT_ID) {
        const parsed = parseResidentId(input.idNumber);
        if (!parsed.ok) {
          const messages = {
            FORMAT: 'A resident ID number has 18 characters: 17 digits and a digit or X.',
            CHECK_DIGIT: 'This ID number’s last character does not match: please check each digit.',
            BIRTH_DATE: 'The date of birth inside this ID number does not exist.',
            REGION: 'This ID number does not start with a valid region code.',
          } as const;
          throw badInput(`ID_NUMBER_${parsed.problem}`, messages[parsed.problem], 'input.idNumber');
        }
        if (birthDate && birthDate !== parsed.facts.birthDate) throw badInput('BIRTH_DATE_MISMATCH', 'The date of birth differs from the one in the ID number.', 'input.birthDate');
        if (gender && gender !== parsed.facts.gender) throw badInput('GENDER_MISMATCH', 'The gender differs from the one in the ID number.', 'input.gender');
        birthDate = parsed.facts.birthDate;
        gender = parsed.facts.gender as Gender;
        idNumber = parsed.facts.normalised;
      } else {
        idNumber = input.idNumber.toUpperCase();
      }
    } else if (input.idDocumentType) {
      throw badInput('ID_NUMBER_REQUIRED', 'Enter the document’s number, or leave the document type empty.', 'input.idNumber');
    }
    const phone = input.phone ? normaliseMobile(input.phone) : null;
    if (input.phone && !phone) throw badInput('INVALID_PHONE', 'Enter an 11-digit mainland mobile number, e.g. 13800138000.', 'input.phone');
    if (!checkRegionCode(input.regionCode).ok) throw badInput('REGION_CODE_UNKNOWN', 'This region code does not exist. Use a district code such as 110105 or a street code such as 110105001.', 'input.regionCode');
    return { gender: gender ?? 'UNKNOWN', birthDate, idNumber, phone };
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

  /** A field's value as the API resolves it: the ID number is opened from its seal only here. */
  valueOf(person: Person, field: string): unknown {
    if (field === 'idNumber') return person.idKeyId && person.idSealed ? this.vault.open({ keyId: person.idKeyId, sealed: person.idSealed }, person.id) : null;
    return (person as unknown as Record<string, unknown>)[field];
  }

  /** Live people the actor may see that meet the extra conditions (`AND …`). */
  async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Person[]> {
    return (await this.rows(tx, actor, where, params, tail)).map(toPerson);
  }

  /** The same as rows, with extra columns (`, expr AS name`) computed beside each person and joins after the people's. */
  rows<X = object>(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string, extra: { select?: string; from?: string } = {}) {
    return this.run<PersonRow & X>(tx, actor, `${PERSON_SELECT}${this.attributes.select()}${extra.select ?? ''}`, where, params, tail, extra.from);
  }

  /** Every statement over people goes through here: the rules become part of its WHERE clause. */
  private run<T>(tx: EntityManager, actor: Actor, select: string, where: string, params: Record<string, unknown>, tail: string, from = ''): Promise<T[]> {
    return queryUnderRules<T>(tx, actor, {
      subjectType: 'Person', columns: this.attributes.columns(), select, from: `${peopleFrom(this.gates, this.attributes)} ${from}`, where: `AND p.merged_into IS NULL ${where}`, params, tail,
    });
  }
}

/** Runs a write; a violation of the named unique index becomes the given error instead of an internal one. */
async function uniqueOr<T>(error: () => Error, index: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (thrown) {
    const driverError = (thrown as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (driverError?.code === '23505' && driverError.constraint === index) throw error();
    throw thrown;
  }
}

function isRealPastDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= Date.now() && date.getUTCFullYear() >= 1900;
}

export function toPerson(row: PersonRow): Person {
  const attributes = Object.fromEntries(Object.entries(row).filter(([key]) => key.startsWith('attr:')).map(([key, value]) => [key.slice(5), value]));
  return Object.assign(new Person(), attributes, {
    id: row.id,
    fullName: row.full_name,
    gender: row.gender,
    birthYear: row.birth_date ? Number(row.birth_date.slice(0, 4)) : null,
    birthDate: row.birth_date,
    idDocumentType: row.id_document_type,
    idNumber: null,
    phone: row.phone,
    address: row.address,
    regionCode: row.region_code,
    relationToHead: row.relation_to_head,
    householdId: row.household_id,
    mergedRecordIds: row.merged_from,
    disability: row.disability,
    chronicIllness: row.chronic_illness,
    monthlyIncomeCents: row.monthly_income_cents === null ? null : Number(row.monthly_income_cents),
    assistance: row.assistance,
    notes: row.notes,
    holdingOrganisationId: row.holding_organisation_id,
    createdAt: row.created_at,
    registeredBy: row.registered_by,
    consentedCategories: row.consented_categories,
    consentIds: row.consent_ids,
    breakGlass: row.break_glass,
    idKeyId: row.id_key_id,
    idSealed: row.id_sealed,
  });
}
