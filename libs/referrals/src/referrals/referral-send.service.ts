import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, assertNoPersonalData, auditActor, AuditTrail } from '@zhulian/access';
import { CaseService, CaseStatus } from '@zhulian/cases';
import { Actor, ActorMembership, badInput, conflict, createOnce, forbidden, inTransaction, NeedService, newId, notFound, requireRole, Role } from '@zhulian/core';
import { ServiceFacts } from '@zhulian/directory';
import { PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { CreateReferralInput } from '../dto/referral.inputs';
import { ReferralStatus } from './referral-moves';
import { ReferralConsentGate } from './referral-consent-gate';
import { ReferralMoveService } from './referral-move.service';
import { ReferralReads } from './referral-reads.service';
import { CreateReferralPayload } from './referral.type';

/** A person's age in ten-year bands — enough for a receiver to judge fit, never the date of birth. */
const AGE_BAND = `CASE WHEN p.birth_date IS NULL THEN NULL
  WHEN date_part('year', age(p.birth_date)) >= 90 THEN '90+'
  ELSE (floor(date_part('year', age(p.birth_date)) / 10) * 10)::int || '-' || (floor(date_part('year', age(p.birth_date)) / 10) * 10 + 9)::int END`;

/** Referrals sent (or drafted) from a case, under the consent gate: the referral's first move. */
@Injectable()
export class ReferralSendService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReferralReads,
    private readonly consentGate: ReferralConsentGate,
    private readonly moves: ReferralMoveService,
    private readonly people: PersonService,
    private readonly cases: CaseService,
    private readonly needs: NeedService,
    private readonly audit: AuditTrail,
    private readonly services: ServiceFacts,
  ) {}

  /**
   * Creates (and sends) a referral. Within a caller's transaction (`tx`) it commits or rolls back with the
   * rest of what the caller does, and the caller's own idempotency key answers for retries (the input's is not used).
   */
  async create(actor: Actor, input: CreateReferralInput, tx?: EntityManager): Promise<CreateReferralPayload> {
    const acting = requireRole(actor, [Role.COORDINATOR, Role.CASEWORKER], 'send referrals');
    if (tx) return this.insert(actor, acting, { ...input, idempotencyKey: undefined }, tx);
    return createOnce(input.idempotencyKey, 'referrals_idempotency_key', () => this.byIdempotencyKey(actor, input), () => this.insert(actor, acting, input));
  }

  private async insert(actor: Actor, acting: ActorMembership, input: CreateReferralInput, outer?: EntityManager): Promise<CreateReferralPayload> {
    const found = await this.cases.get(actor, input.caseId, outer);
    if (!abilityFor(actor).can('work', subject('Case', found))) {
      throw forbidden('CASE_CHANGE_NOT_ALLOWED', 'Only the case’s coordinators and assigned caseworkers refer from it.');
    }
    if (found.status === CaseStatus.CLOSED) throw conflict('CASE_CLOSED', 'This case is closed: reopen it to refer.');
    const service = await this.services.toReferTo(input.serviceId, outer);
    if (!service) throw notFound('SERVICE_NOT_FOUND', 'No such service in the directory.', 'input.serviceId');
    if (service.status !== 'ACTIVE') throw badInput('SERVICE_NOT_ACTIVE', 'This service does not take referrals now.', 'input.serviceId');
    if (service.organisationId === acting.organisationId) throw badInput('REFER_TO_SELF', 'This service is your own organisation’s: no referral is needed.', 'input.serviceId');
    const needs = input.needs ? await this.needs.check(input.needs, 'input.needs') : found.needs!;
    // What the sender writes is read by the receiver before it accepts: it must not carry who the person is.
    const names = await this.people.namesToKeepOut(actor, found.personId, outer);
    assertNoPersonalData(input.noteForReceiver, { field: 'input.noteForReceiver', names });
    assertNoPersonalData(input.overrideReason, { field: 'input.overrideReason', names });
    const categories = [...new Set(['basic', ...input.sharedCategories])].sort();
    const id = newId();
    return inTransaction(this.db, outer, async (tx) => {
      const status = input.send ? ReferralStatus.REQUESTED : ReferralStatus.DRAFT;
      const grounds = input.send ? await this.consentGate.check(tx, actor, found.personId, service.organisationId, categories, input.overrideReason) : null;
      await tx.query(
        `INSERT INTO referrals (id, case_id, person_id, sender_organisation_id, sent_by, receiver_organisation_id, service_id, status, needs, urgency,
           region_code, age_band, note_for_receiver, shared_categories, consent_ids, override_reason, requested_at, idempotency_key)
         SELECT $1, $2, p.id, $3, $4, $5, $6, $7, $8, $9, p.region_code, ${AGE_BAND}, $10, $11, $12, $13, CASE WHEN $7 = 'REQUESTED' THEN now() END, $14
           FROM people p WHERE p.id = $15`,
        [id, found.id, acting.organisationId, actor.userId, service.organisationId, service.id, status, needs, input.urgency,
          input.noteForReceiver ?? null, categories, grounds?.consentIds ?? [], grounds?.override ?? null, input.idempotencyKey ?? null, found.personId]);
      await this.moves.recordMove(tx, actor, { id, case_id: found.id, receiver_organisation_id: service.organisationId, sender_organisation_id: acting.organisationId,
        sent_by: actor.userId }, null, status, {});
      await this.audit.record(tx, auditActor(actor), [
        { action: 'CHANGE', subjectType: 'Referral', subjectId: id, grounds: { role: acting.role }, details: { case: found.id, to: service.organisationId, status } },
        ...(grounds ? [this.consentGate.disclosure(found.personId, id, service.organisationId, categories, grounds)] : []),
      ]);
      const referral = await this.reads.get(actor, id, tx);
      return { referral, warnings: service.capacityAvailable === 0 ? ['NO_PLACES_LEFT'] : [] };
    });
  }

  private async byIdempotencyKey(actor: Actor, input: CreateReferralInput): Promise<CreateReferralPayload | null> {
    const [row]: { id: string; case_id: string }[] = await this.db.query(
      `SELECT id, case_id FROM referrals WHERE sent_by = $1 AND idempotency_key = $2`, [actor.userId, input.idempotencyKey]);
    if (!row) return null;
    if (row.case_id !== input.caseId) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another request: use a new key for a new referral.', 'input.idempotencyKey');
    }
    return { referral: await this.reads.get(actor, row.id), warnings: [] };
  }
}
