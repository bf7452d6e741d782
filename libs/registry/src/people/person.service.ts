import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, AuditTrail, rowFilter } from '@zhulian/access';
import { Actor, APP_CONFIG, AppConfig, badInput, checkRegionCode, conflict, Connection, forbidden, newId, notFound, PageArgs, paginateById, Role } from '@zhulian/core';
import { requireRole } from '@zhulian/identity';
import { DataSource, EntityManager } from 'typeorm';
import { IdNumberVault } from '../crypto/id-number-vault';
import { PeopleSearch } from '../dto/people-search.input';
import { RegisterPersonInput } from '../dto/register-person.input';
import { Gender, IdDocumentType, Person } from './person.type';
import { PERSON_COLUMNS } from './person.rules';
import { normaliseMobile, parseResidentId } from './resident-id';

interface PersonRow {
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

/**
 * The acting organisation's valid consents for each person, as arrays the rules can test — joined
 * laterally so that the rules compile into one SQL statement for any page size.
 */
const PEOPLE_FROM = `
  FROM people p
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT category) AS categories, array_agg(DISTINCT c.id) AS ids
      FROM consents c CROSS JOIN LATERAL unnest(c.categories) AS category
     WHERE c.person_id = p.id AND c.recipient_organisation_id = :actingOrganisation
       AND c.withdrawn_at IS NULL AND c.valid_from <= now() AND (c.valid_until IS NULL OR c.valid_until > now())
  ) g ON TRUE`;

const PERSON_SELECT = `SELECT p.id, p.holding_organisation_id, p.registered_by, p.full_name, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
  p.id_document_type, p.id_key_id, p.id_sealed, p.phone, p.address, p.region_code, p.disability, p.chronic_illness,
  p.monthly_income_cents, p.assistance, p.notes, p.created_at,
  COALESCE(g.categories, '{}') AS consented_categories, COALESCE(g.ids, '{}') AS consent_ids,
  ${PERSON_COLUMNS.breakGlass} AS break_glass`;

/** Who may register people: those who work cases. */
const REGISTRARS = [Role.COORDINATOR, Role.CASEWORKER] as const;

@Injectable()
export class PersonService {
  readonly vault: IdNumberVault;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly audit: AuditTrail,
  ) {
    this.vault = new IdNumberVault(config);
  }

  async get(actor: Actor, id: string): Promise<Person> {
    const [row] = await this.select(this.db.manager, actor, 'AND p.id = :id', { id }, 'LIMIT 1');
    if (!row) throw notFound('PERSON_NOT_FOUND', 'No such person, or not one you may see.');
    return row;
  }

  list(actor: Actor, args: PageArgs & { search?: PeopleSearch }): Promise<Connection<Person>> {
    const search = this.searchCondition(actor, args.search);
    return paginateById(args, (after, limit) =>
      this.select(this.db.manager, actor, `${search.sql} ${after ? 'AND p.id > :after' : ''}`, { ...search.params, after }, `ORDER BY p.id LIMIT ${Number(limit)}`));
  }

  /** Counts only the rows the actor may see (and that match the search). */
  async count(actor: Actor, searchInput?: PeopleSearch): Promise<number> {
    const search = this.searchCondition(actor, searchInput);
    const [row]: { n: string }[] = await this.run(this.db.manager, actor, 'SELECT count(*) AS n', search.sql, search.params, '');
    return Number(row.n);
  }

  /**
   * Search criteria as SQL. Each needs a rule that can let the actor read the field (else FORBIDDEN),
   * and matches only rows where the actor may read it: a search never tells whether a value exists
   * in a record the actor may not read.
   */
  private searchCondition(actor: Actor, search: PeopleSearch | undefined): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    const ability = abilityFor(actor);
    const readable = (field: string, argument: string) => {
      if (!ability.can('read', 'Person', field)) {
        throw forbidden('FILTER_NOT_ALLOWED', `You may not search by ${argument}: your role does not let you read it.`);
      }
      const filter = rowFilter(ability, 'read', 'Person', PERSON_COLUMNS, { field });
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
      params.blindIndex = this.vault.blindIndex(normalised);
    }
    if (search?.phone) {
      const phone = normaliseMobile(search.phone);
      if (!phone) throw badInput('INVALID_PHONE', 'Enter an 11-digit mainland mobile number, e.g. 13800138000.', 'search.phone');
      parts.push(`p.phone = :phone AND ${readable('phone', 'phone number')}`);
      params.phone = phone;
    }
    return { sql: parts.map((part) => `AND ${part}`).join(' '), params };
  }

  async register(actor: Actor, input: RegisterPersonInput): Promise<Person> {
    const acting = requireRole(actor, REGISTRARS, 'register people');
    const facts = this.check(input);
    const id = newId();
    const sealed = facts.idNumber ? this.vault.seal(facts.idNumber, id) : null;
    const blindIndex = facts.idNumber ? this.vault.blindIndex(facts.idNumber) : null;
    return this.db.transaction(async (tx) => {
      if (blindIndex) {
        const [existing]: { id: string }[] = await tx.query(`SELECT id FROM people WHERE id_blind_index = $1 AND merged_into IS NULL`, [blindIndex]);
        if (existing) {
          throw conflict('DUPLICATE_ID_NUMBER', 'A person with this ID number is already registered in the alliance. Search for them instead of registering again.', 'input.idNumber');
        }
      }
      await tx.query(
        `INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, birth_date, id_document_type, id_key_id, id_sealed,
           id_blind_index, phone, address, region_code, disability, chronic_illness, monthly_income_cents, assistance, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [id, acting.organisationId, actor.userId, input.fullName, facts.gender, facts.birthDate, facts.idNumber ? input.idDocumentType ?? IdDocumentType.RESIDENT_ID : null,
          sealed?.keyId ?? null, sealed?.sealed ?? null, blindIndex, facts.phone, input.address ?? null, input.regionCode, input.disability ?? null,
          input.chronicIllness ?? null, input.monthlyIncomeCents ?? null, input.assistance ?? [], input.notes ?? null],
      );
      await this.audit.record(tx, { userId: actor.userId, organisationId: acting.organisationId, requestId: actor.requestId }, [{
        action: 'CHANGE', subjectType: 'Person', subjectId: id, grounds: { role: acting.role },
        fields: Object.keys(input).filter((k) => input[k as keyof RegisterPersonInput] !== undefined).sort(),
      }]);
      const [row] = await this.select(tx, actor, 'AND p.id = :id', { id }, 'LIMIT 1');
      return row;
    });
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
    if (!checkRegionCode(input.regionCode).ok) throw badInput('REGION_CODE_UNKNOWN', 'This region code does not exist. Use a 6-digit code such as 110105.', 'input.regionCode');
    return { gender: gender ?? 'UNKNOWN', birthDate, idNumber, phone };
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Person[]> {
    const rows: PersonRow[] = await this.run(tx, actor, PERSON_SELECT, where, params, tail);
    return rows.map(toPerson);
  }

  /** Every statement over people goes through here: the rules become part of its WHERE clause. */
  private async run<T>(tx: EntityManager, actor: Actor, select: string, where: string, params: Record<string, unknown>, tail: string): Promise<T[]> {
    const filter = rowFilter(abilityFor(actor), 'read', 'Person', PERSON_COLUMNS);
    const sql = `${select} ${PEOPLE_FROM} WHERE p.merged_into IS NULL AND ${filter.sql} ${where} ${tail}`;
    const [query, values] = tx.connection.driver.escapeQueryWithParameters(
      sql, { ...params, ...filter.params, actingOrganisation: actor.acting?.organisationId ?? null, actingUser: actor.userId });
    return tx.query(query, values);
  }
}

function isRealPastDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= Date.now() && date.getUTCFullYear() >= 1900;
}

function toPerson(row: PersonRow): Person {
  return Object.assign(new Person(), {
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
