import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, ActorMembership, badInput, checkRegionCode, conflict, createOnce, inTransaction, newId, notFound, requireRole, Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { HouseholdRelation } from '../households/household.type';
import { RegisterPersonInput } from '../dto/register-person.input';
import { Gender, IdDocumentType, Person } from './person.type';
import { PersonIdNumbers } from './person-id-numbers';
import { PersonService } from './person.service';
import { normaliseMobile, parseResidentId } from './resident-id';
import { IdentityLookups } from './identity-lookups';

const DUPLICATE_ID_NUMBER = () =>
  conflict('DUPLICATE_ID_NUMBER', 'A person with this ID number is already registered in the alliance. Search for them instead of registering again.', 'input.idNumber');
/** Who may register people: those who work cases. */
const REGISTRARS = [Role.COORDINATOR, Role.CASEWORKER] as const;
/** Registering a person: the checks of what they are registered with, their household, the ID number sealed and checked for a duplicate. */
@Injectable()
export class PersonRegistration {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly idNumbers: PersonIdNumbers,
    private readonly audit: AuditTrail,
    private readonly identityLookups: IdentityLookups,
  ) {}

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
    return row ? this.people.get(actor, row.id) : null;
  }

  private async insert(actor: Actor, acting: ActorMembership, input: RegisterPersonInput, outer?: EntityManager): Promise<Person> {
    const facts = this.check(input);
    const id = newId();
    const sealed = facts.idNumber ? this.idNumbers.vault.seal(facts.idNumber, id) : null;
    const blindIndex = facts.idNumber ? this.idNumbers.vault.blindIndex(facts.idNumber) : null;
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
      const [row] = await this.people.select(tx, actor, 'AND p.id = :id', { id }, 'LIMIT 1');
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
