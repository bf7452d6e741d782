import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, assertNoPersonalData, auditActor, AuditEvent, AuditTrail } from '@zhulian/access';
import { CaseEventKind, CaseTimeline } from '@zhulian/cases';
import { Actor, badInput, changedRows, conflict, forbidden, newId, notFound, Role } from '@zhulian/core';
import { MemberService } from '@zhulian/identity';
import { ServicePlaces } from '@zhulian/directory';
import { Outbox } from '@zhulian/realtime';
import { PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { MoveReferralInput, RouteReferralInput } from '../dto/referral.inputs';
import { ACTIVE, ENDED, moveParty, NEEDS_REASON, Party, ReferralStatus } from './referral-moves';
import { referralMoveEvent, ReferralParties, referralRoutedEvent } from './referral-events';
import { ReferralConsentGate } from './referral-consent-gate';
import { ServiceRecords } from '../matching/service-records';
import { ReferralReads } from './referral-reads.service';
import { accessEndsAt } from './referral.rules';
import { Referral } from './referral.type';

/** Whom the receiver routes an accepted referral to. */
const ROUTE_TO = [Role.CASEWORKER, Role.COORDINATOR, Role.STAFF];

interface LockedReferral {
  id: string;
  status: ReferralStatus;
  version: number;
  case_id: string;
  person_id: string;
  service_id: string | null;
  sender_organisation_id: string;
  receiver_organisation_id: string;
  sent_by: string | null;
  shared_categories: string[];
  holds_place: boolean;
}

/**
 * A referral's moves through the FHIR Task states, and its routing to a caseworker: every move conditional,
 * recorded on the referral's and the case's timelines and audited. Accepting takes a place of the service in
 * the same transaction; ending an accepted referral gives it back.
 */
@Injectable()
export class ReferralMoveService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReferralReads,
    private readonly consentGate: ReferralConsentGate,
    private readonly people: PersonService,
    private readonly caseTimeline: CaseTimeline,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly places: ServicePlaces,
    private readonly members: MemberService,
    private readonly records: ServiceRecords,
  ) {}

  async move(actor: Actor, input: MoveReferralInput): Promise<Referral> {
    let answered: string | null = null;
    const moved = await this.db.transaction(async (tx) => {
      const [row]: LockedReferral[] = await tx.query(
        `SELECT id, status, version, case_id, person_id, service_id, sender_organisation_id, receiver_organisation_id, sent_by, shared_categories, holds_place
           FROM referrals WHERE id = $1 FOR UPDATE`, [input.referralId]);
      const visible = row ? await this.reads.get(actor, row.id, tx).catch(() => null) : null;
      if (!row || !visible) throw notFound('REFERRAL_NOT_FOUND', 'No such referral, or not one you may see.');
      if (input.version !== undefined && input.version !== row.version) {
        throw conflict('STALE_VERSION', 'Someone changed this referral since you opened it: reload it and decide again.', 'input.version');
      }
      const from = row.status;
      const to = input.status;
      if (from === to) throw conflict('ALREADY_IN_STATE', `This referral is already ${to}: someone may have just done it.`, 'input.status');
      const party = moveParty(from, to);
      if (!party) throw badInput('MOVE_NOT_ALLOWED', `A referral that is ${from} cannot become ${to}.`, 'input.status');
      this.checkParty(actor, visible, party);
      if (NEEDS_REASON.includes(to) && (!input.reasonCode || !input.reasonText)) {
        throw badInput('REASON_REQUIRED', 'Choose a reason and explain it in a few words.', input.reasonCode ? 'input.reasonText' : 'input.reasonCode');
      }
      if (to === ReferralStatus.COMPLETED && !input.outcome) throw badInput('OUTCOME_REQUIRED', 'Record the outcome to complete the referral.', 'input.outcome');
      // Reasons and outcome notes are read by the other party.
      const names = await this.people.namesToKeepOut(actor, row.person_id, tx);
      assertNoPersonalData(input.reasonText, { field: 'input.reasonText', names });
      assertNoPersonalData(input.outcomeNote, { field: 'input.outcomeNote', names });
      assertNoPersonalData(input.overrideReason, { field: 'input.overrideReason', names });
      let holdsPlace = row.holds_place;
      const disclosures: AuditEvent[] = [];
      let override: string | null = null;
      if (from === ReferralStatus.DRAFT && to === ReferralStatus.REQUESTED) {
        const grounds = await this.consentGate.check(tx, actor, row.person_id, row.receiver_organisation_id, row.shared_categories, input.overrideReason);
        override = grounds.override;
        disclosures.push(this.consentGate.disclosure(row.person_id, row.id, row.receiver_organisation_id, row.shared_categories, grounds));
        await tx.query(`UPDATE referrals SET consent_ids = $2, override_reason = $3 WHERE id = $1`, [row.id, grounds.consentIds, grounds.override]);
      }
      if (to === ReferralStatus.ACCEPTED && row.service_id) holdsPlace = await this.places.take(tx, row.service_id);
      if (ENDED.includes(to) && row.holds_place) {
        await this.places.giveBack(tx, row.service_id!);
        holdsPlace = false;
      }
      const moved = await changedRows(tx,
        `UPDATE referrals SET status = $3, version = version + 1, updated_at = now(), holds_place = $4,
           reason_code = COALESCE($5, reason_code), reason_text = CASE WHEN $5::text IS NULL THEN reason_text ELSE $6 END,
           outcome = COALESCE($7, outcome), outcome_note = CASE WHEN $7::text IS NULL THEN outcome_note ELSE $8 END,
           requested_at = CASE WHEN $3 = 'REQUESTED' THEN now() ELSE requested_at END,
           responded_at = CASE WHEN $3 IN ('ACCEPTED', 'REJECTED') THEN now() ELSE responded_at END,
           accepted_at = CASE WHEN $3 = 'ACCEPTED' THEN now() ELSE accepted_at END,
           ended_at = CASE WHEN $3 = ANY($9) THEN now() ELSE ended_at END,
           access_ends_at = CASE WHEN $3 = ANY($9) THEN ${accessEndsAt('referrals', 'now()')} ELSE access_ends_at END
         WHERE id = $1 AND status = $2 RETURNING id`,
        [row.id, from, to, holdsPlace, input.reasonCode ?? null, input.reasonText ?? null, input.outcome ?? null, input.outcomeNote ?? null, ENDED]);
      if (moved.length === 0) throw conflict('ALREADY_MOVED', 'Someone moved this referral at the same moment: reload it.');
      await this.recordMove(tx, actor, row, from, to, { reasonCode: input.reasonCode, reasonText: input.reasonText });
      await this.audit.record(tx, auditActor(actor), [
        { action: 'CHANGE', subjectType: 'Referral', subjectId: row.id, fields: ['status'], grounds: { party }, details: { from, to, override: override !== null } },
        ...disclosures,
      ]);
      if (row.service_id && (to === ReferralStatus.ACCEPTED || to === ReferralStatus.REJECTED)) answered = row.service_id;
      return this.reads.get(actor, row.id, tx);
    });
    // The service's record (answers, acceptances, speed) changed: matching reads it again.
    if (answered) this.records.forget(answered);
    return moved;
  }

  /** The acting organisation must be the party the move belongs to, in a role that makes it. */
  private checkParty(actor: Actor, referral: Referral, party: Party): void {
    const ability = abilityFor(actor);
    const target = subject('Referral', referral);
    const allowed = party === 'SENDER'
      ? referral.senderOrganisationId === actor.acting!.organisationId && ability.can('send', target)
      : referral.receiverOrganisationId === actor.acting!.organisationId && ability.can('respond', target);
    if (!allowed) {
      throw forbidden('WRONG_PARTY', party === 'SENDER'
        ? 'Only the sending organisation’s coordinators and the caseworkers assigned to the case make this move.'
        : 'Only the receiving organisation makes this move.');
    }
  }

  async route(actor: Actor, input: RouteReferralInput): Promise<Referral> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM referrals WHERE id = $1 FOR UPDATE`, [input.referralId]);
      const referral = await this.reads.get(actor, input.referralId, tx);
      if (!abilityFor(actor).can('route', subject('Referral', referral))) {
        throw forbidden('ROUTE_NOT_ALLOWED', 'Only the receiving organisation’s coordinators, admins and staff route referrals.');
      }
      if (!ACTIVE.includes(referral.status!)) throw conflict('NOT_ACCEPTED', 'Accept the referral before routing it to a caseworker.');
      if (!await this.members.isActiveMember(tx, input.userId, referral.receiverOrganisationId, ROUTE_TO)) throw badInput('NOT_A_MEMBER', 'Choose an active caseworker, coordinator or staff member of your organisation.', 'input.userId');
      await tx.query(`UPDATE referrals SET receiver_user_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [referral.id, input.userId]);
      await tx.query(`INSERT INTO referral_events (id, referral_id, actor_user_id, actor_organisation_id, kind) VALUES ($1, $2, $3, $4, 'ROUTED')`,
        [newId(), referral.id, actor.userId, actor.acting!.organisationId]);
      await this.outbox.publish(tx, actor, [referralRoutedEvent(referral.id, input.userId)]);
      await this.audit.record(tx, auditActor(actor), [{ action: 'CHANGE', subjectType: 'Referral', subjectId: referral.id, fields: ['receiverUserId'], details: { routedTo: input.userId } }]);
      return this.reads.get(actor, referral.id, tx);
    });
  }

  /**
   * Writes a move to the referral's events and the case's timeline, and publishes it to those it concerns, in the move's
   * transaction (`at`: when the clock says, for the deadline sweep).
   */
  async recordMove(tx: EntityManager, actor: Actor | null, row: ReferralParties & { case_id: string }, from: ReferralStatus | null,
    to: ReferralStatus, reason: { reasonCode?: string; reasonText?: string }, at?: Date): Promise<void> {
    await tx.query(
      `INSERT INTO referral_events (id, referral_id, actor_user_id, actor_organisation_id, kind, from_status, to_status, reason_code, reason_text, occurred_at)
       VALUES ($1, $2, $3, $4, 'STATUS_CHANGED', $5, $6, $7, $8, COALESCE($9, clock_timestamp()))`,
      [newId(), row.id, actor?.userId ?? null, actor?.acting?.organisationId ?? null, from, to, reason.reasonCode ?? null, reason.reasonText ?? null, at ?? null]);
    await this.caseTimeline.record(tx, actor, row.case_id, CaseEventKind.REFERRAL,
      { referralId: row.id, referralStatus: to, organisationId: row.receiver_organisation_id }, at);
    const event = referralMoveEvent(row, from, to, reason.reasonCode);
    if (event) await this.outbox.publish(tx, actor, [event]);
  }
}
