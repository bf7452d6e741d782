import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertNoPersonalData, auditActor, AuditEvent, AuditTrail, queryUnderRules } from '@zhulian/access';
import { Actor, badInput, changedRows, conflict, Connection, cursorScope, forbidden, notFound, PageArgs, paginateById, queryPrepared, requireRole, Role } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { TaskTimeline } from '../tasks/task-timeline';
import { TaskService } from '../tasks/task.service';
import { TASK_COLUMNS } from '../tasks/task.rules';
import { TaskStatus } from '../tasks/task.type';
import { CLAIM_COLUMNS } from './claim.rules';
import { ClaimDecisionInput, ClaimStatus, ClaimTaskInput, TaskClaim } from './claim.type';
import { CLAIMS_FROM, TASK_CLAIM_STORE } from './task-claim.store';
import { ClaimWriter, pgCode } from './claim-writer';
import { TaskEvents } from '../tasks/task-events';

/** Claims that take (or tentatively take) one of a task's places. */
const PLACE_TAKING: readonly ClaimStatus[] = [ClaimStatus.PENDING, ClaimStatus.HELD, ClaimStatus.OFFERED];

/** How long a volunteer has to confirm a place that freed up: 12 hours, and never past an hour before the start. */
const OFFER_UNTIL = `CASE WHEN LEAST(now() + interval '12 hours', t.starts_at - interval '1 hour') > now()
  THEN LEAST(now() + interval '12 hours', t.starts_at - interval '1 hour') ELSE t.starts_at END`;

/** What a claim is checked against: the task, the volunteer's profile measured against it, and their claims on it. */
interface ClaimFacts {
  id: string;
  organisation_id: string;
  status: TaskStatus;
  started: boolean;
  involves_minor: boolean;
  home_visit: boolean;
  has_profile: boolean;
  has_skill: boolean;
  identity_checked: boolean;
  background_valid: boolean;
  already: boolean;
  earlier: boolean;
}

const CLAIM_FACTS_SELECT = `SELECT t.id, t.organisation_id, t.status, t.starts_at <= now() AS started, t.involves_minor, t.home_visit,
  p.user_id IS NOT NULL AS has_profile, (t.skills = '{}' OR COALESCE(t.skills && p.skills, false)) AS has_skill,
  COALESCE(p.identity_checked_at IS NOT NULL, false) AS identity_checked,
  COALESCE(p.background_check_expires_on >= (t.ends_at AT TIME ZONE 'Asia/Shanghai')::date, false) AS background_valid,
  EXISTS (SELECT 1 FROM task_claims a WHERE a.task_id = t.id AND a.volunteer_id = :actingUser
    AND a.status IN ('PENDING', 'HELD', 'WAITLISTED', 'OFFERED', 'COMPLETED', 'NO_SHOW')) AS already,
  EXISTS (SELECT 1 FROM task_claims k WHERE k.volunteer_id = :actingUser AND k.idempotency_key = :key) AS earlier`;
const CLAIM_FACTS_FROM = `FROM tasks t LEFT JOIN volunteer_profiles p ON p.user_id = :actingUser`;

/**
 * Claims. A claim takes one of the task's places in one statement on the task's locked row (ClaimWriter: so
 * that of 200 volunteers claiming a 3-place task at once exactly 3 hold it), or joins the waitlist in order. The
 * database refuses a volunteer two claims whose times overlap. A freed place is offered to the first on the
 * waitlist, who has a set time to confirm before it passes on; an offer not confirmed is not counted on.
 */
@Injectable()
export class ClaimService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tasks: TaskService,
    private readonly timeline: TaskTimeline,
    private readonly audit: AuditTrail,
    private readonly events: TaskEvents,
    private readonly writer: ClaimWriter,
  ) {}

  async claim(actor: Actor, input: ClaimTaskInput): Promise<TaskClaim> {
    requireRole(actor, [Role.VOLUNTEER], 'claim tasks');
    const facts = await this.factsFor(actor, input);
    // A retry of a claim already made answers that claim.
    if (facts?.earlier) return (await this.byIdempotencyKey(actor, input))!;
    if (!facts) throw notFound('TASK_NOT_FOUND', 'No such task, or not one you may see.');
    this.assertClaimable(facts);
    try {
      return await this.insert(actor, input, facts);
    } catch (error) {
      // A retry racing the first request meets the first's claim (its key, or the same volunteer at the same time): it answers that claim.
      const reason = (error as { reason?: string }).reason;
      const key = pgCode(error)?.constraint === 'task_claims_idempotency_key';
      if (input.idempotencyKey && (key || reason === 'OVERLAPPING_CLAIM' || reason === 'ALREADY_CLAIMED')) {
        const first = await this.byIdempotencyKey(actor, input);
        if (first) return first;
      }
      throw error;
    }
  }

  private async byIdempotencyKey(actor: Actor, input: ClaimTaskInput): Promise<TaskClaim | null> {
    const [row]: object[] = await this.db.query(`${TASK_CLAIM_STORE.select} ${CLAIMS_FROM} WHERE c.volunteer_id = $1 AND c.idempotency_key = $2`, [actor.userId, input.idempotencyKey]);
    if (!row) return null;
    const claim = TASK_CLAIM_STORE.toModel(row);
    if (claim.taskId !== input.taskId) throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for another claim.', 'input.idempotencyKey');
    return claim;
  }

  /** What a claim is checked against, in one statement: the task as the volunteer may see it, their profile, their claims on it. */
  private async factsFor(actor: Actor, input: ClaimTaskInput): Promise<ClaimFacts | null> {
    const [facts] = await queryUnderRules<ClaimFacts>(this.db.manager, actor, {
      subjectType: 'Task', columns: TASK_COLUMNS, select: CLAIM_FACTS_SELECT, from: CLAIM_FACTS_FROM, where: 'AND t.id = :id',
      params: { id: input.taskId, key: input.idempotencyKey ?? null },
    });
    return facts ?? null;
  }

  /** Checks what the volunteer brings to the task, and writes the claim (ClaimWriter). */
  private async insert(actor: Actor, input: ClaimTaskInput, facts: ClaimFacts): Promise<TaskClaim> {
    if (!facts.has_profile) throw conflict('PROFILE_REQUIRED', 'Tell us your skills and the areas you serve first (your volunteer profile).');
    if (facts.already) throw conflict('ALREADY_CLAIMED', 'You have already claimed this task.', 'input.taskId');
    if (!facts.has_skill) throw forbidden('SKILL_NOT_HELD', 'This task needs a skill your profile does not list.');
    if ((facts.involves_minor || facts.home_visit) && !(facts.identity_checked && facts.background_valid)) {
      throw forbidden('NOT_VERIFIED_FOR_TASK',
        'This task involves a child or a home visit: your volunteer group must first check your identity and a background check valid through the task.');
    }
    const claim = await this.writer.write({ actor, taskId: facts.id, organisationId: facts.organisation_id, idempotencyKey: input.idempotencyKey ?? null });
    if (!claim) throw conflict('TASK_CLOSED', 'This task is no longer open for claims.');
    return claim;
  }

  /** The task's organisation lets a pending claim hold its place. */
  async approve(actor: Actor, input: ClaimDecisionInput): Promise<TaskClaim> {
    return this.db.transaction(async (tx) => {
      const claim = await this.ofMyTask(tx, actor, input.claimId);
      const moved = await changedRows(tx, `UPDATE task_claims SET status = 'HELD', version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'PENDING' RETURNING id`, [claim.id]);
      if (moved.length === 0) throw conflict('CLAIM_NOT_PENDING', 'This claim does not wait for approval (any more).');
      await this.timeline.record(tx, actor, claim.taskId, 'APPROVED', { claimId: claim.id });
      await this.events.decided(tx, actor, claim.taskId, claim.volunteerId, true);
      await this.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['status'], details: { to: 'HELD' } }]);
      return this.one(tx, claim.id);
    });
  }

  /** The task's organisation turns a pending claim down, with a reason the volunteer reads; the place goes to the next in line. */
  async decline(actor: Actor, input: ClaimDecisionInput): Promise<TaskClaim> {
    if (!input.reason || input.reason.length < 2) throw badInput('REASON_REQUIRED', 'Say in a few words why the claim is declined.', 'input.reason');
    assertNoPersonalData(input.reason, { field: 'input.reason' });
    return this.db.transaction(async (tx) => {
      const claim = await this.ofMyTask(tx, actor, input.claimId);
      const moved = await changedRows(tx, `UPDATE task_claims SET status = 'DECLINED', reason = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'PENDING' RETURNING id`, [claim.id, input.reason]);
      if (moved.length === 0) throw conflict('CLAIM_NOT_PENDING', 'This claim does not wait for approval (any more).');
      await tx.query(`UPDATE tasks SET held = held - 1, version = version + 1, updated_at = now() WHERE id = $1`, [claim.taskId]);
      await this.timeline.record(tx, actor, claim.taskId, 'DECLINED', { claimId: claim.id, reason: input.reason });
      await this.events.decided(tx, actor, claim.taskId, claim.volunteerId, false);
      await this.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['status', 'reason'], details: { to: 'DECLINED' } }]);
      await this.promoteNext(tx, actor, claim.taskId);
      return this.one(tx, claim.id);
    });
  }

  /** The volunteer gives up a claim before the task starts ("I can't come"); a place they held goes to the next in line. */
  async release(actor: Actor, input: ClaimDecisionInput): Promise<TaskClaim> {
    requireRole(actor, [Role.VOLUNTEER], 'give up a claim');
    if (input.reason) assertNoPersonalData(input.reason, { field: 'input.reason' });
    return this.db.transaction(async (tx) => {
      const claim = await this.mine(tx, actor, input.claimId);
      const moved = await changedRows<{ was: ClaimStatus }>(tx,
        `UPDATE task_claims c SET status = 'RELEASED', reason = $2, version = c.version + 1, updated_at = now()
           FROM tasks t, (SELECT status AS was FROM task_claims WHERE id = $1) before
          WHERE c.id = $1 AND t.id = c.task_id AND t.starts_at > now() AND c.status IN ('PENDING', 'HELD', 'OFFERED', 'WAITLISTED')
        RETURNING before.was`, [claim.id, input.reason ?? null]);
      if (moved.length === 0) throw conflict('CLAIM_NOT_RELEASABLE', 'This claim can no longer be given up here: the task has started or the claim has ended. Tell the organisation instead.');
      await this.timeline.record(tx, actor, claim.taskId, 'RELEASED', { claimId: claim.id, reason: input.reason ?? null });
      await this.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['status'], grounds: { rule: 'self' }, details: { to: 'RELEASED' } }]);
      if (PLACE_TAKING.includes(moved[0].was)) {
        await tx.query(`UPDATE tasks SET held = held - 1, version = version + 1, updated_at = now() WHERE id = $1`, [claim.taskId]);
        await this.promoteNext(tx, actor, claim.taskId);
      }
      return this.one(tx, claim.id);
    });
  }

  /** The volunteer takes up a place offered to them from the waitlist, in time. */
  async confirm(actor: Actor, input: ClaimDecisionInput): Promise<TaskClaim> {
    requireRole(actor, [Role.VOLUNTEER], 'confirm an offered place');
    return this.db.transaction(async (tx) => {
      const claim = await this.mine(tx, actor, input.claimId);
      const moved = await changedRows(tx,
        `UPDATE task_claims c SET status = CASE WHEN t.needs_approval THEN 'PENDING' ELSE 'HELD' END, offered_until = NULL, version = c.version + 1, updated_at = now()
           FROM tasks t WHERE c.id = $1 AND t.id = c.task_id AND c.status = 'OFFERED' AND c.offered_until > now() RETURNING c.id`, [claim.id]);
      if (moved.length === 0) {
        if (claim.status === ClaimStatus.OFFERED) throw conflict('OFFER_EXPIRED', 'The time to confirm this place has passed: it went to the next volunteer.');
        throw conflict('NOT_OFFERED', 'No place is offered to you on this claim.');
      }
      await this.timeline.record(tx, actor, claim.taskId, 'CONFIRMED', { claimId: claim.id });
      await this.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['status'], grounds: { rule: 'self' }, details: { to: 'HELD' } }]);
      return this.one(tx, claim.id);
    });
  }

  /** Offers not confirmed in time expire, and their places pass on (the deadline job calls this). Returns how many expired. */
  async expireOffers(at: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const expired = await changedRows<{ id: string; task_id: string }>(tx,
        `UPDATE task_claims SET status = 'EXPIRED', reason = 'not confirmed in time', version = version + 1, updated_at = $1
          WHERE id IN (SELECT id FROM task_claims WHERE status = 'OFFERED' AND offered_until <= $1 FOR UPDATE SKIP LOCKED) RETURNING id, task_id`, [at]);
      for (const claim of expired) {
        await tx.query(`UPDATE tasks SET held = held - 1, version = version + 1, updated_at = now() WHERE id = $1`, [claim.task_id]);
        await this.timeline.record(tx, null, claim.task_id, 'OFFER_EXPIRED', { claimId: claim.id }, at);
        await this.promoteNext(tx, null, claim.task_id);
      }
      return expired.length;
    });
  }

  /** Offers every free place of the task to those first on its waitlist (after its organisation added places). */
  async fillFreePlaces(tx: EntityManager, actor: Actor, taskId: string): Promise<void> {
    for (;;) {
      const [free]: { n: number }[] = await tx.query(`SELECT slots - held AS n FROM tasks WHERE id = $1`, [taskId]);
      const [waiting] = await tx.query(`SELECT 1 FROM task_claims WHERE task_id = $1 AND status = 'WAITLISTED' LIMIT 1`, [taskId]);
      if (!free || free.n <= 0 || !waiting) return;
      await this.promoteNext(tx, actor, taskId);
    }
  }

  /** Offers the place just freed to the first on the waitlist who can take it (not busy at that time). */
  private async promoteNext(tx: EntityManager, actor: Actor | null, taskId: string): Promise<void> {
    for (;;) {
      const [next]: { id: string; volunteer_id: string }[] = await tx.query(
        `SELECT id, volunteer_id FROM task_claims WHERE task_id = $1 AND status = 'WAITLISTED' ORDER BY waitlist_position LIMIT 1 FOR UPDATE SKIP LOCKED`, [taskId]);
      if (!next) return;
      const took = await changedRows(tx, `UPDATE tasks SET held = held + 1, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'OPEN' AND starts_at > now() AND held < slots RETURNING id`, [taskId]);
      if (took.length === 0) return;
      await tx.query(`SAVEPOINT promote`);
      try {
        await tx.query(`UPDATE task_claims c SET status = 'OFFERED', offered_until = ${OFFER_UNTIL}, version = c.version + 1, updated_at = now()
          FROM tasks t WHERE c.id = $1 AND t.id = c.task_id`, [next.id]);
        await tx.query(`RELEASE SAVEPOINT promote`);
        await this.timeline.record(tx, actor, taskId, 'OFFERED', { claimId: next.id });
        await this.events.promoted(tx, actor, taskId, next.volunteer_id);
        return;
      } catch (error) {
        if (pgCode(error)?.code !== '23P01') throw error;
        // Busy at that time by now: they are passed over, and the place goes to the next.
        await tx.query(`ROLLBACK TO SAVEPOINT promote`);
        await tx.query(`UPDATE task_claims SET status = 'EXPIRED', reason = 'busy at that time', version = version + 1, updated_at = now() WHERE id = $1`, [next.id]);
        await tx.query(`UPDATE tasks SET held = held - 1 WHERE id = $1`, [taskId]);
        await this.timeline.record(tx, actor, taskId, 'OFFER_EXPIRED', { claimId: next.id, reason: 'busy at that time' });
      }
    }
  }

  /** The volunteer's own claims, newest first. */
  mineList(actor: Actor, args: PageArgs): Promise<Connection<TaskClaim>> {
    requireRole(actor, [Role.VOLUNTEER], 'see your claims');
    return paginateById(args, async (after, limit) => (await this.db.query(
      `${TASK_CLAIM_STORE.select} ${CLAIMS_FROM} WHERE c.volunteer_id = $1 AND ($2::uuid IS NULL OR c.id < $2) ORDER BY c.id DESC LIMIT ${Number(limit)}`, [actor.userId, after]) as object[])
      .map(TASK_CLAIM_STORE.toModel), cursorScope(actor, 'my-claims'));
  }

  /**
   * The claims on the given tasks that the actor may see under the claim rules (a task's staff every claim
   * on it; a volunteer their own): one statement for a page of tasks.
   */
  async ofTasks(actor: Actor, taskIds: readonly string[]): Promise<Map<string, TaskClaim[]>> {
    const rows = await queryUnderRules<object>(this.db.manager, actor, {
      subjectType: 'TaskClaim', columns: CLAIM_COLUMNS, select: TASK_CLAIM_STORE.select, from: CLAIMS_FROM, where: 'AND c.task_id = ANY(:ids)', params: { ids: [...taskIds] },
      tail: `ORDER BY c.task_id, array_position(ARRAY['HELD', 'PENDING', 'OFFERED', 'WAITLISTED'], c.status) NULLS LAST, c.waitlist_position, c.id`,
    });
    const byTask = new Map<string, TaskClaim[]>();
    for (const claim of rows.map(TASK_CLAIM_STORE.toModel)) byTask.set(claim.taskId, [...(byTask.get(claim.taskId) ?? []), claim]);
    return byTask;
  }

  private assertClaimable(task: ClaimFacts): void {
    if (task.status === TaskStatus.CANCELLED) throw conflict('TASK_CANCELLED', 'This task was cancelled.');
    if (task.status !== TaskStatus.OPEN) throw conflict('TASK_CLOSED', 'This task is no longer open for claims.');
    if (task.started) throw conflict('TASK_STARTED', 'This task has already started.');
  }

  /** The actor's own claim, locked. */
  async mine(tx: EntityManager, actor: Actor, claimId: string): Promise<TaskClaim> {
    const [row]: object[] = await tx.query(`${TASK_CLAIM_STORE.select} ${CLAIMS_FROM} WHERE c.id = $1 AND c.volunteer_id = $2 FOR UPDATE OF c`, [claimId, actor.userId]);
    if (!row) throw notFound('CLAIM_NOT_FOUND', 'No such claim of yours.');
    return TASK_CLAIM_STORE.toModel(row);
  }

  /** A claim on a task the actor's organisation runs, with the task locked. */
  async ofMyTask(tx: EntityManager, actor: Actor, claimId: string): Promise<TaskClaim> {
    const [row]: object[] = await tx.query(`${TASK_CLAIM_STORE.select} ${CLAIMS_FROM} WHERE c.id = $1`, [claimId]);
    if (!row) throw notFound('CLAIM_NOT_FOUND', 'No such claim on your organisation’s tasks.');
    const claim = TASK_CLAIM_STORE.toModel(row);
    // Someone else's task or no task at all: one answer, which says nothing of the claim.
    await this.tasks.runnable(tx, actor, claim.taskId).catch(() => {
      throw notFound('CLAIM_NOT_FOUND', 'No such claim on your organisation’s tasks.');
    });
    return claim;
  }

  async one(tx: EntityManager, id: string): Promise<TaskClaim> {
    const [row] = await queryPrepared<object>(tx, `${TASK_CLAIM_STORE.select} ${CLAIMS_FROM} WHERE c.id = $1`, [id]);
    return TASK_CLAIM_STORE.toModel(row);
  }

  record(tx: EntityManager, actor: Actor, events: AuditEvent[]): Promise<void> {
    return this.audit.record(tx, auditActor(actor), events);
  }
}
