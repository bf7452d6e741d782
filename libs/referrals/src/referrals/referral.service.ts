import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, assertNoPersonalData, auditActor, AuditEvent, AuditTrail, FieldCategory, fieldsInCategories, queryUnderRules, rowFilter } from '@zhulian/access';
import { CaseEventKind, CaseService, CaseStatus, CaseTimeline } from '@zhulian/cases';
import { Actor, ActorMembership, badInput, changedRows, conflict, Connection, createOnce, cursorScope, forbidden, inTransaction, NeedService, newId, notFound, PageArgs, paginateSeek, requireRole, Role, SeekRow, SeekSort, SortDirection } from '@zhulian/core';
import { joinUser, MemberService, userName } from '@zhulian/identity';
import { ServicePlaces } from '@zhulian/directory';
import { Outbox } from '@zhulian/realtime';
import { ConsentPurpose, ConsentService, Person, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { CreateReferralInput, MoveReferralInput, ReferralDirection, ReferralFilter, ReferralOrder, ReferralOrderField, RouteReferralInput } from '../dto/referral.inputs';
import { answerBy } from '../deadlines/default-deadlines';
import { ACTIVE, ENDED, moveParty, NEEDS_REASON, Party, ReferralStatus } from './referral-moves';
import { referralMoveEvent, ReferralParties, referralRoutedEvent } from './referral-events';
import { accessEndsAt, REFERRAL_COLUMNS } from './referral.rules';
import { CreateReferralPayload, Referral, ReferralEvent } from './referral.type';

interface ReferralRow {
  id: string;
  case_id: string;
  person_id: string;
  sender_organisation_id: string;
  sender_organisation_name: string;
  receiver_organisation_id: string;
  receiver_organisation_name: string;
  service_id: string | null;
  service_name: string | null;
  status: ReferralStatus;
  needs: string[];
  urgency: Referral['urgency'];
  region_code: string;
  age_band: string | null;
  note_for_receiver: string | null;
  shared_categories: string[];
  override_reason: string | null;
  reason_code: Referral['reasonCode'];
  reason_text: string | null;
  outcome: Referral['outcome'];
  outcome_note: string | null;
  receiver_user_id: string | null;
  receiver_user_name: string | null;
  answer_by: Date | null;
  requested_at: Date | null;
  responded_at: Date | null;
  ended_at: Date | null;
  escalated_at: Date | null;
  version: number;
  created_at: Date;
  open_to_receiver: boolean;
  case_assigned_to_me: boolean;
}

const REFERRALS_FROM = `
  FROM referrals r
  JOIN organisations so ON so.id = r.sender_organisation_id
  JOIN organisations ro ON ro.id = r.receiver_organisation_id
  LEFT JOIN services s ON s.id = r.service_id
  ${joinUser('ru', 'r.receiver_user_id', 'LEFT JOIN')}`;

const REFERRAL_SELECT = `SELECT r.id, r.case_id, r.person_id, r.sender_organisation_id, so.name AS sender_organisation_name, r.receiver_organisation_id,
  ro.name AS receiver_organisation_name, r.service_id, s.name AS service_name, r.status, r.needs, r.urgency, r.region_code, r.age_band,
  r.note_for_receiver, r.shared_categories, r.override_reason, r.reason_code, r.reason_text, r.outcome, r.outcome_note, r.receiver_user_id,
  ${userName('ru')} AS receiver_user_name, ${answerBy('r')} AS answer_by, r.requested_at, r.responded_at, r.ended_at, r.escalated_at, r.version, r.created_at,
  ${REFERRAL_COLUMNS.openToReceiver} AS open_to_receiver, ${REFERRAL_COLUMNS.caseAssignedToMe} AS case_assigned_to_me`;

/** Whom the receiver routes an accepted referral to. */
const ROUTE_TO = [Role.CASEWORKER, Role.COORDINATOR, Role.STAFF];

/**
 * The keys of the referrals list's sorts (before the id): basic facts only, which every rule that shows a
 * referral shows, so neither the order nor the cursor tells a viewer anything they may not read. The
 * inbox's and the sent list's orders are indexed with the organisation first (migration ListSorts).
 */
const SENT_AT = 'COALESCE(r.requested_at, r.created_at)';
export const REFERRAL_SORTS: Record<ReferralOrderField, string[]> = {
  [ReferralOrderField.NEEDS_ANSWER]: [`(r.status <> 'REQUESTED')::int`, `array_position(ARRAY['URGENT', 'HIGH', 'NORMAL', 'LOW']::text[], r.urgency)`, SENT_AT],
  [ReferralOrderField.SENT]: [SENT_AT],
  [ReferralOrderField.URGENCY]: [`array_position(ARRAY['LOW', 'NORMAL', 'HIGH', 'URGENT']::text[], r.urgency)`, SENT_AT],
  [ReferralOrderField.STATUS]: [`array_position(ARRAY['DRAFT', 'REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED', 'ENTERED_IN_ERROR']::text[], r.status)`, SENT_AT],
  [ReferralOrderField.SERVICE]: [`COALESCE(s.name, '') COLLATE "C"`],
};

/** A person's age in ten-year bands — enough for a receiver to judge fit, never the date of birth. */
const AGE_BAND = `CASE WHEN p.birth_date IS NULL THEN NULL
  WHEN date_part('year', age(p.birth_date)) >= 90 THEN '90+'
  ELSE (floor(date_part('year', age(p.birth_date)) / 10) * 10)::int || '-' || (floor(date_part('year', age(p.birth_date)) / 10) * 10 + 9)::int END`;

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
 * Closed-loop referrals: sent from a case under the consent gate, answered by the receiving
 * organisation, moved through the FHIR Task states; every move conditional, recorded on the
 * referral's and the case's timelines and audited. Accepting takes a place of the service in the same
 * transaction; ending an accepted referral gives it back.
 */
@Injectable()
export class ReferralService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PersonService,
    private readonly cases: CaseService,
    private readonly caseTimeline: CaseTimeline,
    private readonly needs: NeedService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly places: ServicePlaces,
    private readonly consents: ConsentService,
    private readonly members: MemberService,
  ) {}

  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Referral> {
    const [found] = await this.select(tx, actor, 'AND r.id = :id', { id }, 'LIMIT 1');
    if (!found) throw notFound('REFERRAL_NOT_FOUND', 'No such referral, or not one you may see.');
    return found;
  }

  /**
   * A page of the referrals the actor's organisation sent or received. The inbox (direction RECEIVED)
   * opens on what needs an answer, urgent first, then the oldest request; anything else newest first.
   */
  list(actor: Actor, args: PageArgs & { filter?: ReferralFilter; orderBy?: ReferralOrder }): Promise<Connection<Referral>> {
    const filter = this.filterCondition(actor, args.filter);
    const inbox = args.filter?.direction === ReferralDirection.RECEIVED;
    const order = args.orderBy ?? (inbox ? { field: ReferralOrderField.NEEDS_ANSWER, direction: SortDirection.ASC } : { field: ReferralOrderField.SENT, direction: SortDirection.DESC });
    const sort: SeekSort = { name: order.field, keys: REFERRAL_SORTS[order.field], id: 'r.id', direction: order.direction };
    return paginateSeek<ReferralRow & SeekRow, Referral>(args, sort, cursorScope(actor, 'referrals'), (page) =>
      queryUnderRules<ReferralRow & SeekRow>(this.db.manager, actor, {
        subjectType: 'Referral', columns: REFERRAL_COLUMNS, select: REFERRAL_SELECT + page.keyColumn, from: REFERRALS_FROM,
        where: `${filter.sql} ${page.where}`, params: { ...filter.params, ...page.params }, tail: page.tail,
        page: { sortColumns: page.sortColumns, unionTail: page.unionTail },
      }), toReferral);
  }

  async count(actor: Actor, filterInput?: ReferralFilter): Promise<number> {
    const filter = this.filterCondition(actor, filterInput);
    const [row] = await queryUnderRules<{ n: string }>(this.db.manager, actor, {
      subjectType: 'Referral', columns: REFERRAL_COLUMNS, select: 'SELECT count(*) AS n', from: REFERRALS_FROM,
      where: filter.sql, params: filter.params,
    });
    return Number(row.n);
  }

  private filterCondition(actor: Actor, filter: ReferralFilter | undefined): { sql: string; params: Record<string, unknown> } {
    const parts: string[] = [];
    const params: Record<string, unknown> = {
      status: filter?.status, caseId: filter?.caseId, receiverOrganisationId: filter?.receiverOrganisationId, senderOrganisationId: filter?.senderOrganisationId,
    };
    if (filter?.direction === ReferralDirection.SENT) parts.push('AND r.sender_organisation_id = :actingOrganisation');
    if (filter?.direction === ReferralDirection.RECEIVED) parts.push('AND r.receiver_organisation_id = :actingOrganisation');
    if (filter?.status?.length) parts.push('AND r.status = ANY(:status)');
    if (filter?.caseId) parts.push('AND r.case_id = :caseId');
    if (filter?.escalated) parts.push('AND r.escalated_at IS NOT NULL');
    if (filter?.routedToMe) parts.push('AND r.receiver_user_id = :actingUser');
    // The reason is a basic fact of a referral, readable by everyone who may see it.
    if (filter?.cameBack) parts.push(`AND (r.status = 'REJECTED' OR (r.status = 'CANCELLED' AND r.reason_code = 'EXPIRED'))`);
    // Who sent and who received are basic facts of a referral too.
    if (filter?.receiverOrganisationId) parts.push('AND r.receiver_organisation_id = :receiverOrganisationId');
    if (filter?.senderOrganisationId) parts.push('AND r.sender_organisation_id = :senderOrganisationId');
    if (filter?.search) {
      params.referralSearch = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The service and the organisations are directory facts anyone who sees the referral sees. Which case a
      // referral belongs to is not (the receiver never learns it): its number matches only where the actor may
      // read the referral's case, so that a search cannot tell a receiver which case sent it.
      const caseReadable = abilityFor(actor).can('read', 'Referral', 'caseId')
        ? rowFilter(abilityFor(actor), 'read', 'Referral', REFERRAL_COLUMNS, { field: 'caseId' })
        : null;
      if (caseReadable) Object.assign(params, caseReadable.params);
      parts.push(`AND (s.name ILIKE :referralSearch ESCAPE '\\' OR so.name ILIKE :referralSearch ESCAPE '\\' OR ro.name ILIKE :referralSearch ESCAPE '\\'${caseReadable
        ? ` OR (${caseReadable.sql} AND EXISTS (SELECT 1 FROM cases sk WHERE sk.id = r.case_id AND sk.case_number ILIKE :referralSearch ESCAPE '\\'))` : ''})`);
    }
    return { sql: parts.join(' '), params };
  }

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
    const [service]: { id: string; organisation_id: string; status: string; capacity_available: number | null }[] = await (outer ?? this.db.manager).query(
      `SELECT id, organisation_id, status, capacity_available FROM services WHERE id = $1`, [input.serviceId]);
    if (!service) throw notFound('SERVICE_NOT_FOUND', 'No such service in the directory.', 'input.serviceId');
    if (service.status !== 'ACTIVE') throw badInput('SERVICE_NOT_ACTIVE', 'This service does not take referrals now.', 'input.serviceId');
    if (service.organisation_id === acting.organisationId) throw badInput('REFER_TO_SELF', 'This service is your own organisation’s: no referral is needed.', 'input.serviceId');
    const needs = input.needs ? await this.needs.check(input.needs, 'input.needs') : found.needs!;
    // What the sender writes is read by the receiver before it accepts: it must not carry who the person is.
    const names = await this.people.namesToKeepOut(actor, found.personId, outer);
    assertNoPersonalData(input.noteForReceiver, { field: 'input.noteForReceiver', names });
    assertNoPersonalData(input.overrideReason, { field: 'input.overrideReason', names });
    const categories = [...new Set(['basic', ...input.sharedCategories])].sort();
    const id = newId();
    return inTransaction(this.db, outer, async (tx) => {
      const status = input.send ? ReferralStatus.REQUESTED : ReferralStatus.DRAFT;
      const grounds = input.send ? await this.consentGate(tx, actor, found.personId, service.organisation_id, categories, input.overrideReason) : null;
      await tx.query(
        `INSERT INTO referrals (id, case_id, person_id, sender_organisation_id, sent_by, receiver_organisation_id, service_id, status, needs, urgency,
           region_code, age_band, note_for_receiver, shared_categories, consent_ids, override_reason, requested_at, idempotency_key)
         SELECT $1, $2, p.id, $3, $4, $5, $6, $7, $8, $9, p.region_code, ${AGE_BAND}, $10, $11, $12, $13, CASE WHEN $7 = 'REQUESTED' THEN now() END, $14
           FROM people p WHERE p.id = $15`,
        [id, found.id, acting.organisationId, actor.userId, service.organisation_id, service.id, status, needs, input.urgency,
          input.noteForReceiver ?? null, categories, grounds?.consentIds ?? [], grounds?.override ?? null, input.idempotencyKey ?? null, found.personId]);
      await this.recordMove(tx, actor, { id, case_id: found.id, receiver_organisation_id: service.organisation_id, sender_organisation_id: acting.organisationId,
        sent_by: actor.userId }, null, status, {});
      await this.audit.record(tx, auditActor(actor), [
        { action: 'CHANGE', subjectType: 'Referral', subjectId: id, grounds: { role: acting.role }, details: { case: found.id, to: service.organisation_id, status } },
        ...(grounds ? [this.disclosure(found.personId, id, service.organisation_id, categories, grounds)] : []),
      ]);
      const referral = await this.get(actor, id, tx);
      return { referral, warnings: service.capacity_available === 0 ? ['NO_PLACES_LEFT'] : [] };
    });
  }

  private async byIdempotencyKey(actor: Actor, input: CreateReferralInput): Promise<CreateReferralPayload | null> {
    const [row]: { id: string; case_id: string }[] = await this.db.query(
      `SELECT id, case_id FROM referrals WHERE sent_by = $1 AND idempotency_key = $2`, [actor.userId, input.idempotencyKey]);
    if (!row) return null;
    if (row.case_id !== input.caseId) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another request: use a new key for a new referral.', 'input.idempotencyKey');
    }
    return { referral: await this.get(actor, row.id), warnings: [] };
  }

  /**
   * The consent gate: sending a person's data to another organisation needs the person's consents in
   * force for the purpose REFERRAL to that organisation, covering every category shared; without them
   * only a coordinator may send, with a written reason that the receiver sees.
   */
  private async consentGate(tx: EntityManager, actor: Actor, personId: string, receiverId: string, categories: string[], overrideReason: string | undefined) {
    const covered = await this.consents.coverage(tx, personId, ConsentPurpose.REFERRAL, receiverId);
    const missing = categories.filter((c) => !covered.categories.includes(c));
    if (missing.length === 0) return { consentIds: covered.consentIds, override: null };
    if (!overrideReason) {
      throw forbidden('CONSENT_REQUIRED',
        `The person has not consented to share ${missing.join(', ')} with this organisation for a referral. Record their consent first, or ask a coordinator to send it with a reason.`);
    }
    if (actor.acting!.role !== Role.COORDINATOR) {
      throw forbidden('OVERRIDE_NOT_ALLOWED', 'Only a coordinator may send a referral without the person’s consent.');
    }
    return { consentIds: covered.consentIds, override: overrideReason };
  }

  /** The audit trail's record of a person's data leaving for another organisation: what, on what grounds. */
  private disclosure(personId: string, referralId: string, receiverId: string, categories: string[], grounds: { consentIds: string[]; override: string | null }): AuditEvent {
    return {
      action: 'EXPORT', subjectType: 'Person', subjectId: personId, fields: fieldsInCategories(Person, categories as FieldCategory[]).sort(),
      grounds: grounds.override ? { rule: 'referral-override' } : { rule: 'consent', consents: grounds.consentIds.join(',') },
      details: { referral: referralId, to: receiverId },
    };
  }

  async move(actor: Actor, input: MoveReferralInput): Promise<Referral> {
    return this.db.transaction(async (tx) => {
      const [row]: LockedReferral[] = await tx.query(
        `SELECT id, status, version, case_id, person_id, service_id, sender_organisation_id, receiver_organisation_id, sent_by, shared_categories, holds_place
           FROM referrals WHERE id = $1 FOR UPDATE`, [input.referralId]);
      const visible = row ? await this.get(actor, row.id, tx).catch(() => null) : null;
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
      const names = await this.people.namesToKeepOut(actor, row.person_id);
      assertNoPersonalData(input.reasonText, { field: 'input.reasonText', names });
      assertNoPersonalData(input.outcomeNote, { field: 'input.outcomeNote', names });
      assertNoPersonalData(input.overrideReason, { field: 'input.overrideReason', names });
      let holdsPlace = row.holds_place;
      const disclosures: AuditEvent[] = [];
      let override: string | null = null;
      if (from === ReferralStatus.DRAFT && to === ReferralStatus.REQUESTED) {
        const grounds = await this.consentGate(tx, actor, row.person_id, row.receiver_organisation_id, row.shared_categories, input.overrideReason);
        override = grounds.override;
        disclosures.push(this.disclosure(row.person_id, row.id, row.receiver_organisation_id, row.shared_categories, grounds));
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
      return this.get(actor, row.id, tx);
    });
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
      const referral = await this.get(actor, input.referralId, tx);
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
      return this.get(actor, referral.id, tx);
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

  async eventsOf(ids: readonly string[]): Promise<Map<string, ReferralEvent[]>> {
    const rows: { id: string; referral_id: string; occurred_at: Date; kind: string; actor_name: string | null; actor_organisation_name: string | null;
      from_status: ReferralStatus | null; to_status: ReferralStatus | null; reason_code: ReferralEvent['reasonCode']; reason_text: string | null }[] = await this.db.query(
      `SELECT e.id, e.referral_id, e.occurred_at, e.kind, ${userName('u')} AS actor_name, o.name AS actor_organisation_name, e.from_status, e.to_status,
              e.reason_code, e.reason_text
         FROM referral_events e ${joinUser('u', 'e.actor_user_id', 'LEFT JOIN')} LEFT JOIN organisations o ON o.id = e.actor_organisation_id
        WHERE e.referral_id = ANY($1) ORDER BY e.referral_id, e.occurred_at, e.id`, [[...ids]]);
    const byReferral = new Map<string, ReferralEvent[]>();
    for (const r of rows) {
      byReferral.set(r.referral_id, [...(byReferral.get(r.referral_id) ?? []), {
        id: r.id, occurredAt: r.occurred_at, kind: r.kind, actorName: r.actor_name, actorOrganisationName: r.actor_organisation_name,
        fromStatus: r.from_status, toStatus: r.to_status, reasonCode: r.reason_code, reasonText: r.reason_text,
      }]);
    }
    return byReferral;
  }

  /** The people of the given referrals, each under the person rules: one statement for a page. */
  async peopleOf(actor: Actor, personIds: readonly string[]): Promise<Map<string, Person>> {
    const people = await this.people.select(this.db.manager, actor, 'AND p.id = ANY(:ids)', { ids: [...personIds] }, '');
    return new Map(people.map((p) => [p.id, p]));
  }

  /** Whether every referral of each case has ended (and there was at least one): time to offer closing it. */
  async casesReadyToClose(caseIds: readonly string[]): Promise<Map<string, boolean>> {
    const rows: { case_id: string; ready: boolean }[] = await this.db.query(
      `SELECT case_id, bool_and(status = ANY($2)) AS ready FROM referrals WHERE case_id = ANY($1) AND status <> 'ENTERED_IN_ERROR' GROUP BY case_id`,
      [[...caseIds], ENDED]);
    return new Map(rows.map((r) => [r.case_id, r.ready]));
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Referral[]> {
    const rows = await queryUnderRules<ReferralRow>(tx, actor, {
      subjectType: 'Referral', columns: REFERRAL_COLUMNS, select: REFERRAL_SELECT, from: REFERRALS_FROM, where, params, tail,
    });
    return rows.map(toReferral);
  }
}

function toReferral(row: ReferralRow): Referral {
  return Object.assign(new Referral(), {
    id: row.id, status: row.status, needs: row.needs, urgency: row.urgency, regionCode: row.region_code, ageBand: row.age_band,
    noteForReceiver: row.note_for_receiver, sharedCategories: row.shared_categories, overrideReason: row.override_reason,
    reasonCode: row.reason_code, reasonText: row.reason_text, outcome: row.outcome, outcomeNote: row.outcome_note, caseId: row.case_id,
    serviceId: row.service_id, serviceName: row.service_name, senderOrganisationId: row.sender_organisation_id,
    senderOrganisationName: row.sender_organisation_name, receiverOrganisationId: row.receiver_organisation_id,
    receiverOrganisationName: row.receiver_organisation_name, receiverUserId: row.receiver_user_id, receiverUserName: row.receiver_user_name,
    answerBy: row.answer_by, requestedAt: row.requested_at, respondedAt: row.responded_at, endedAt: row.ended_at, escalatedAt: row.escalated_at, version: row.version,
    createdAt: row.created_at, personId: row.person_id, openToReceiver: row.open_to_receiver, caseAssignedToMe: row.case_assigned_to_me,
  });
}
