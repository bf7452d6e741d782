import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { abilityFor, auditActor, AuditTrail } from '@zhulian/access';
import { Actor, ageOn, badInput, beijingDate, changedRows, forbidden, inTransaction, newId, notFound } from '@zhulian/core';
import { Outbox } from '@zhulian/realtime';
import { DataSource, EntityManager } from 'typeorm';
import { RecordConsentInput } from '../dto/record-consent.input';
import { PersonService } from '../people/person.service';
import { consentWithdrawnEvent } from '../people/person-events';
import { Person } from '../people/person.type';
import { Consent, ConsentCategory, ConsentGivenBy, ConsentPurpose } from './consent.type';
import { consentInForce } from './valid-consent';

/** Categories that need a consent of their own (PIPL Art. 29: sensitive personal information). */
const SEPARATE: readonly ConsentCategory[] = [ConsentCategory.identity, ConsentCategory.health, ConsentCategory.financial];
const GUARDIAN_BELOW_AGE = 14;

interface ConsentRow {
  id: string;
  person_id: string;
  recipient_organisation_id: string;
  categories: ConsentCategory[];
  purpose: Consent['purpose'];
  valid_from: Date;
  valid_until: Date | null;
  given_by: ConsentGivenBy;
  evidence: string | null;
  withdrawn_at: Date | null;
  created_at: Date;
}

/**
 * Consents are recorded and withdrawn by those who keep the person's record. A withdrawal takes
 * effect on the next request: every request reads consents afresh in its access rules.
 */
@Injectable()
export class ConsentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async ofPerson(actor: Actor, personId: string): Promise<Consent[]> {
    await this.managed(actor, personId);
    const rows: ConsentRow[] = await this.db.query(`SELECT * FROM consents WHERE person_id = $1 ORDER BY created_at, id`, [personId]);
    return rows.map(toConsent);
  }

  /**
   * What the person's consents for `purpose`, in force now for the recipient organisation, cover together:
   * their ids and their categories (both empty when there is none). In the caller's transaction, so that a
   * check and the change it allows see the same consents.
   */
  async coverage(tx: EntityManager, personId: string, purpose: ConsentPurpose, recipientId: string): Promise<{ consentIds: string[]; categories: string[] }> {
    const [covered]: { ids: string[] | null; categories: string[] | null }[] = await tx.query(
      `SELECT array_agg(DISTINCT c.id) AS ids, array_agg(DISTINCT category) AS categories
         FROM consents c CROSS JOIN LATERAL unnest(c.categories) AS category
        WHERE c.person_id = $1 AND c.purpose = '${purpose}' AND ${consentInForce('c', '$2')}`, [personId, recipientId]);
    return { consentIds: covered.ids ?? [], categories: covered.categories ?? [] };
  }

  /** Records a consent; within a caller's transaction (`tx`), it commits or rolls back with the rest. */
  async record(actor: Actor, input: RecordConsentInput, outer?: EntityManager): Promise<Consent> {
    const person = await this.managed(actor, input.personId, outer);
    const categories = [...new Set(input.categories)];
    const sensitive = categories.filter((c) => SEPARATE.includes(c));
    const ordinary = categories.filter((c) => !SEPARATE.includes(c) && c !== ConsentCategory.basic);
    if (sensitive.length > 1 || (sensitive.length === 1 && ordinary.length > 0)) {
      throw badInput('SEPARATE_CONSENT_REQUIRED',
        'Identity, health and financial data each need a consent of their own (with basic data at most). Record them separately.', 'input.categories');
    }
    const validFrom = input.validFrom ?? new Date();
    if (input.validUntil && input.validUntil.getTime() <= validFrom.getTime()) {
      throw badInput('CONSENT_ENDS_BEFORE_IT_STARTS', 'The end of the consent must come after its start.', 'input.validUntil');
    }
    if (input.givenBy === ConsentGivenBy.GUARDIAN && !input.guardianName) {
      throw badInput('GUARDIAN_NAME_REQUIRED', 'Enter the name of the guardian who consents.', 'input.guardianName');
    }
    // Whether the person may consent for themself is judged on the day it is recorded, whatever start date
    // the form names; with no date of birth on record, nobody can tell, so the guardian consents.
    if (input.givenBy === ConsentGivenBy.SELF) {
      if (!person.birthDate) {
        throw badInput('BIRTH_DATE_REQUIRED', 'The person’s date of birth is not recorded, so their age cannot be checked: record it first, or record the guardian’s consent.', 'input.givenBy');
      }
      if (ageOn(person.birthDate, beijingDate(new Date()).date) < GUARDIAN_BELOW_AGE) {
        throw badInput('GUARDIAN_REQUIRED', 'This person is under 14: their guardian must consent for them.', 'input.givenBy');
      }
    }
    if (input.recipientOrganisationId === person.holdingOrganisationId) {
      throw badInput('CONSENT_TO_HOLDER', 'The organisation holding the record needs no consent to see it.', 'input.recipientOrganisationId');
    }
    // A consent opens the person's data to its recipient at once: nobody records one for an organisation they
    // also belong to (a colleague who does not must), and every consent names the signed form it rests on.
    if (actor.memberships.some((m) => m.organisationId === input.recipientOrganisationId)) {
      throw forbidden('CONSENT_TO_OWN_ORGANISATION',
        'You are also a member of the organisation this consent opens the record to: ask a colleague who is not to record it.');
    }
    if (!input.evidence || input.evidence.trim().length < 3) {
      throw badInput('EVIDENCE_REQUIRED', 'Enter the reference of the signed consent form (e.g. its archive number).', 'input.evidence');
    }
    return inTransaction(this.db, outer, async (tx) => {
      const [organisation] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [input.recipientOrganisationId]);
      if (!organisation) throw badInput('ORGANISATION_NOT_FOUND', 'No such organisation.', 'input.recipientOrganisationId');
      const id = newId();
      await tx.query(
        `INSERT INTO consents (id, person_id, recipient_organisation_id, categories, purpose, valid_from, valid_until, given_by, guardian_name,
           evidence, recorded_by, recorded_by_organisation_id)
         VALUES ($1, $2, $3, $4, $5, COALESCE($6, now()), $7, $8, $9, $10, $11, $12)`,
        // Starting "now" is the database's now: the transaction's, so that a referral later in the same
        // transaction (a one-stop intake) finds the consent already in force.
        [id, person.id, input.recipientOrganisationId, categories, input.purpose, input.validFrom ?? null, input.validUntil ?? null, input.givenBy,
          input.givenBy === ConsentGivenBy.GUARDIAN ? input.guardianName : null, input.evidence ?? null, actor.userId, actor.acting!.organisationId],
      );
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Consent', subjectId: id, fields: ['categories', 'purpose', 'validUntil'],
        grounds: { person: person.id }, details: { recipient: input.recipientOrganisationId, categories: categories.join(','), purpose: input.purpose },
      }]);
      return this.one(tx, id);
    });
  }

  async withdraw(actor: Actor, consentId: string): Promise<Consent> {
    const [row]: ConsentRow[] = await this.db.query(`SELECT * FROM consents WHERE id = $1`, [consentId]);
    if (!row) throw notFound('CONSENT_NOT_FOUND', 'No such consent.');
    await this.managed(actor, row.person_id);
    return this.db.transaction(async (tx) => {
      const withdrawn = await changedRows(tx, `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id`, [consentId, actor.userId]);
      if (withdrawn.length > 0) await this.outbox.publish(tx, actor, [consentWithdrawnEvent(row.person_id, row.recipient_organisation_id)]);
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Consent', subjectId: consentId, fields: ['withdrawnAt'], grounds: { person: row.person_id },
      }]);
      return this.one(tx, consentId);
    });
  }

  /** The person, when the actor keeps their record; NOT_FOUND when the person is not visible at all. */
  private async managed(actor: Actor, personId: string, tx?: EntityManager): Promise<Person> {
    const person = await this.people.get(actor, personId, tx);
    if (!abilityFor(actor).can('manageConsent', subject('Person', person))) {
      throw forbidden('CONSENT_NOT_MANAGEABLE', 'Only the coordinators of the organisation holding the record, or the caseworker who registered the person, manage their consents.');
    }
    return person;
  }

  private async one(tx: EntityManager, id: string): Promise<Consent> {
    const [row]: ConsentRow[] = await tx.query(`SELECT * FROM consents WHERE id = $1`, [id]);
    return toConsent(row);
  }
}

function toConsent(row: ConsentRow): Consent {
  return Object.assign(new Consent(), {
    id: row.id, personId: row.person_id, recipientOrganisationId: row.recipient_organisation_id, categories: row.categories,
    purpose: row.purpose, validFrom: row.valid_from, validUntil: row.valid_until, givenBy: row.given_by, evidence: row.evidence,
    withdrawnAt: row.withdrawn_at, createdAt: row.created_at,
  });
}
