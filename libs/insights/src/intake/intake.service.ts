import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { CaseMoveService, CaseService } from '@zhulian/cases';
import { Actor, AppError, badInput, conflict, createOnce, newId, requireRole, Role } from '@zhulian/core';
import { ReferralReads, ReferralSendService } from '@zhulian/referrals';
import { ConsentService, HouseholdRelation, Person, PersonRegistration, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { InsightAlertService } from '../alerts/insight-alert.service';
import { OneStopIntakeInput, OneStopIntakePayload } from './intake.types';

interface IntakeRow {
  id: string;
  fingerprint: string;
  person_id: string;
  member_ids: string[];
  consent_ids: string[];
  case_id: string;
  referral_ids: string[];
  alert_id: string | null;
}

/** Serialises one author's intakes with one key: a retry waits for the first and then answers with it. */
const INTAKE_LOCK = 'one-stop-intake';

/**
 * The request's shape, to tell a retry from a key reused for another intake: ids and codes only, never
 * what identifies the person (an ID number's hash would be as good as the number: there are few of them).
 */
function fingerprintOf(input: OneStopIntakeInput): string {
  const shape = {
    alert: input.alertId ?? null,
    person: input.personId ?? (input.person ? `new:${input.person.regionCode}:${input.person.householdId ?? (input.person.newHousehold ? 'new' : '')}` : null),
    members: input.members?.length ?? 0,
    consents: (input.consents ?? []).map((c) => `${c.recipientOrganisationId}:${c.purpose}:${[...c.categories].sort().join(',')}`).sort(),
    case: [...input.case.needs].sort(),
    referrals: (input.referrals ?? []).map((r) => r.serviceId).sort(),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex');
}

/**
 * Runs one step of an intake, naming the part of the intake at fault in its error: the steps are the
 * registry's, the cases' and the referrals' own use cases, whose errors name their own input
 * (`input.idNumber`), which in an intake is `input.person.idNumber` or `input.referrals.1.serviceId`.
 */
async function step<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const own = error.field === path || error.field?.startsWith(`${path}.`);
    const field = own ? error.field : error.field?.startsWith('input.') ? `${path}.${error.field.slice('input.'.length)}` : path;
    throw new AppError(error.code, error.reason, error.message, { field, details: error.details, httpStatus: error.httpStatus });
  }
}

/**
 * One-stop intake (一件事一次办): one request records the person (with the duplicate check) and their
 * household, the consents they signed, opens the case and sends a referral to each service chosen — in
 * one transaction, so that a refusal anywhere (a duplicate ID number, a referral the consents do not
 * cover, a service that takes none) leaves nothing behind. Each part is the owning lib's own use case,
 * with its own rules, run in this transaction; a retry with the same key answers with what was done.
 */
@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly registration: PersonRegistration,
    private readonly consents: ConsentService,
    private readonly cases: CaseService,
    private readonly caseMoves: CaseMoveService,
    private readonly referrals: ReferralSendService,
    private readonly referralReads: ReferralReads,
    private readonly alerts: InsightAlertService,
    private readonly audit: AuditTrail,
  ) {}

  async intake(actor: Actor, input: OneStopIntakeInput): Promise<OneStopIntakePayload> {
    const acting = requireRole(actor, [Role.COORDINATOR, Role.CASEWORKER], 'take people in');
    this.checkShape(input);
    const fingerprint = fingerprintOf(input);
    return createOnce(input.idempotencyKey, 'one_stop_intakes_idempotency_key',
      () => this.earlier(actor, input.idempotencyKey, fingerprint),
      async () => {
        const outcome = await this.db.transaction(async (tx): Promise<{ made: OneStopIntakePayload } | { done: IntakeRow }> => {
          await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [INTAKE_LOCK, `${actor.userId}:${input.idempotencyKey}`]);
          const [done] = await this.byKey(tx, actor, input.idempotencyKey);
          if (done) return { done };
          return { made: await this.perform(tx, actor, acting.organisationId, acting.role, input, fingerprint) };
        });
        // The same intake sent twice at once: the second waited for the first's lock, and answers with it.
        return 'done' in outcome ? this.replay(actor, outcome.done, fingerprint) : outcome.made;
      });
  }

  /** What cannot be said field by field: one person, members only with a household founded here, no service twice. */
  private checkShape(input: OneStopIntakeInput): void {
    if (!input.personId === !input.person) {
      throw badInput('INTAKE_PERSON_CHOICE', 'Choose a person already registered or register a new one: one of the two.', 'input.person');
    }
    if (input.alertId && !input.personId) {
      throw badInput('ALERT_NEEDS_PERSON', 'An alert is about someone already registered: take in that person.', 'input.personId');
    }
    if (input.members?.length) {
      if (!input.person?.newHousehold) {
        throw badInput('MEMBERS_NEED_NEW_HOUSEHOLD', 'Household members are registered with a household founded in this intake: found one, or add them to their household later.', 'input.members');
      }
      input.members.forEach((member, i) => {
        if (!member.relationToHead || member.relationToHead === HouseholdRelation.HEAD) {
          throw badInput('RELATION_REQUIRED', 'Choose how this member is related to the person taken in (the head of the household).', `input.members.${i}.relationToHead`);
        }
      });
    }
    const services = (input.referrals ?? []).map((r) => r.serviceId);
    const twice = services.findIndex((id, i) => services.indexOf(id) !== i);
    if (twice >= 0) throw badInput('SERVICE_TWICE', 'This service is chosen twice: one referral per service.', `input.referrals.${twice}.serviceId`);
  }

  private async perform(tx: EntityManager, actor: Actor, organisationId: string, role: Role, input: OneStopIntakeInput, fingerprint: string): Promise<OneStopIntakePayload> {
    const person = input.person
      ? await step('input.person', () => this.registration.register(actor, input.person!, tx))
      : await step('input.personId', () => this.people.get(actor, input.personId!, tx));
    const alert = input.alertId ? await step('input.alertId', async () => {
      const found = await this.alerts.get(actor, input.alertId!, tx);
      // The alert's subject: the person, or — for a household's income — anyone of that household.
      const concerns = found.personId === person.id || (found.householdId !== null && found.householdId === person.householdId);
      if (!concerns) throw badInput('ALERT_PERSON_MISMATCH', 'This alert is about someone else: take in the person it names.', 'input.alertId');
      return this.alerts.takeOn(actor, found.id, tx);
    }) : null;
    const members: Person[] = [];
    for (const [i, member] of (input.members ?? []).entries()) {
      members.push(await step(`input.members.${i}`, () => this.registration.register(actor, {
        ...member, regionCode: input.person!.regionCode, address: input.person!.address, householdId: person.householdId!,
      }, tx)));
    }
    const consents = [];
    for (const [i, consent] of (input.consents ?? []).entries()) {
      consents.push(await step(`input.consents.${i}`, () => this.consents.record(actor, { ...consent, personId: person.id }, tx)));
    }
    const opened = await step('input.case', () => this.caseMoves.open(actor, { ...input.case, personId: person.id }, tx));
    const referrals = [];
    const warnings: string[] = [];
    for (const [i, referral] of (input.referrals ?? []).entries()) {
      const sent = await step(`input.referrals.${i}`, () => this.referrals.create(actor, { ...referral, caseId: opened.id, send: true }, tx));
      referrals.push(sent.referral);
      warnings.push(...sent.warnings.map((w) => `${w}:${referral.serviceId}`));
    }
    const id = newId();
    await tx.query(
      `INSERT INTO one_stop_intakes (id, performed_by, organisation_id, idempotency_key, fingerprint, person_id, member_ids, consent_ids, case_id, referral_ids, alert_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, actor.userId, organisationId, input.idempotencyKey, fingerprint, person.id, members.map((m) => m.id), consents.map((c) => c.id), opened.id,
        referrals.map((r) => r.id), alert?.id ?? null]);
    await this.audit.record(tx, auditActor(actor), [{
      action: 'CHANGE', subjectType: 'OneStopIntake', subjectId: id, fields: ['case', 'consents', 'referrals'], grounds: { role },
      details: { person: person.id, case: opened.id, referrals: referrals.length, consents: consents.length, members: members.length, ...(alert ? { alert: alert.id } : {}) },
    }]);
    return { intakeId: id, replayed: false, person, members, consents, case: opened, referrals, alert, warnings };
  }

  private byKey(manager: EntityManager, actor: Actor, key: string): Promise<IntakeRow[]> {
    return manager.query(
      `SELECT id, fingerprint, person_id, member_ids, consent_ids, case_id, referral_ids, alert_id FROM one_stop_intakes WHERE performed_by = $1 AND idempotency_key = $2`,
      [actor.userId, key]);
  }

  private async earlier(actor: Actor, key: string, fingerprint: string): Promise<OneStopIntakePayload | null> {
    const [row] = await this.byKey(this.db.manager, actor, key);
    return row ? this.replay(actor, row, fingerprint) : null;
  }

  /** What an earlier intake with this key did, read again under today's rules. */
  private async replay(actor: Actor, row: IntakeRow, fingerprint: string): Promise<OneStopIntakePayload> {
    if (row.fingerprint !== fingerprint) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another intake: use a new key for a new intake.', 'input.idempotencyKey');
    }
    const person = await this.people.get(actor, row.person_id);
    const members = await Promise.all(row.member_ids.map((id) => this.people.get(actor, id)));
    const consents = row.consent_ids.length ? (await this.consents.ofPerson(actor, row.person_id)).filter((c) => row.consent_ids.includes(c.id)) : [];
    const opened = await this.cases.get(actor, row.case_id);
    const referrals = await Promise.all(row.referral_ids.map((id) => this.referralReads.get(actor, id)));
    const alert = row.alert_id ? await this.alerts.get(actor, row.alert_id) : null;
    return { intakeId: row.id, replayed: true, person, members, consents, case: opened, referrals, alert, warnings: [] };
  }
}
