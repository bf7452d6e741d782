import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditChainer, AuditTrail } from '@zhulian/access';
import { Actor, conflict, KeyedBatches, newId, Outcome, queryPrepared, settle, StatementValues } from '@zhulian/core';
import { DataSource } from 'typeorm';
import { TaskEvents } from '../tasks/task-events';
import { ClaimStatus, TaskClaim } from './claim.type';
import { CLAIMS_FROM, TASK_CLAIM_STORE, WRITTEN_CLAIM_SELECT, WrittenClaim } from './task-claim.store';

/** What the claim statements return of the claims they wrote (`WRITTEN_CLAIM_SELECT` reads them under the store's names). */
const WRITTEN_COLUMNS = `id, task_id, volunteer_id, status, waitlist_position, offered_until, reason, checked_in_at, checked_out_at, minutes, hours_confirmed_at, report,
      created_at, version`;

/**
 * A claim in one statement: lock the open task's row, take a place if one is left (pending approval where
 * the task asks for it), else the next waitlist number, and write the claim and its timeline event (the
 * columns TaskTimeline.record writes). The decision is made on the locked row, so of 200 volunteers claiming
 * a 3-place task at once exactly 3 take a place and the others queue in order. No row when the task is no
 * longer open or has started. The database refuses a second claim on the task and one overlapping another
 * task the volunteer holds. `claim` (the CTE) is the claim written; the API's statement adds the audit and
 * outbox events to these CTEs (`ClaimWriter`), and bench/tasks.mjs runs them alone as its raw floor
 * (`TAKE_PLACE_OR_QUEUE`).
 */
export const TAKE_PLACE_OR_QUEUE_CTES = `task AS (
    SELECT id, held < slots AS free FROM tasks WHERE id = $1 AND status = 'OPEN' AND starts_at > now() FOR UPDATE),
  took AS (
    UPDATE tasks t SET held = t.held + task.free::int, waitlist_seq = t.waitlist_seq + (NOT task.free)::int,
           version = t.version + task.free::int, updated_at = CASE WHEN task.free THEN now() ELSE t.updated_at END
      FROM task WHERE t.id = task.id
    RETURNING task.free, t.needs_approval, t.waitlist_seq, t.starts_at, t.ends_at),
  claim AS (
    INSERT INTO task_claims (id, task_id, volunteer_id, status, during, waitlist_position, idempotency_key)
    SELECT $2, $1, $3, CASE WHEN NOT free THEN 'WAITLISTED' WHEN needs_approval THEN 'PENDING' ELSE 'HELD' END,
           tstzrange(starts_at, ends_at), CASE WHEN NOT free THEN waitlist_seq END, $4 FROM took
    RETURNING ${WRITTEN_COLUMNS}),
  event AS (
    INSERT INTO task_events (id, task_id, claim_id, actor_user_id, actor_organisation_id, kind, details, occurred_at)
    SELECT $5, task_id, id, volunteer_id, $6, CASE WHEN status = 'WAITLISTED' THEN 'WAITLISTED' ELSE 'CLAIMED' END, jsonb_build_object('status', status), clock_timestamp()
      FROM claim)`;
export const TAKE_PLACE_OR_QUEUE = `WITH ${TAKE_PLACE_OR_QUEUE_CTES} SELECT * FROM claim`;

/**
 * The same for several volunteers' claims on one task in one statement, in the order they came: the first
 * as many as places are left take them, the rest the next waitlist numbers. $1 the task; $2–$6 arrays, one
 * element a claim: its id, volunteer, idempotency key, timeline event id, acting organisation.
 */
export const TAKE_PLACES_OR_QUEUE_CTES = `input AS (
    SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::uuid[]) WITH ORDINALITY
      AS i(id, volunteer_id, idempotency_key, event_id, organisation_id, n)),
  task AS (
    SELECT id, GREATEST(LEAST(slots - held, cardinality($2::uuid[])), 0) AS placed, cardinality($2::uuid[]) AS claims
      FROM tasks WHERE id = $1 AND status = 'OPEN' AND starts_at > now() FOR UPDATE),
  took AS (
    UPDATE tasks t SET held = t.held + task.placed, waitlist_seq = t.waitlist_seq + task.claims - task.placed,
           version = t.version + task.placed, updated_at = CASE WHEN task.placed > 0 THEN now() ELSE t.updated_at END
      FROM task WHERE t.id = task.id
    RETURNING task.placed, t.waitlist_seq - (task.claims - task.placed) AS queued_before, t.needs_approval, t.starts_at, t.ends_at),
  claim AS (
    INSERT INTO task_claims (id, task_id, volunteer_id, status, during, waitlist_position, idempotency_key)
    SELECT i.id, $1, i.volunteer_id, CASE WHEN i.n > placed THEN 'WAITLISTED' WHEN needs_approval THEN 'PENDING' ELSE 'HELD' END,
           tstzrange(starts_at, ends_at), CASE WHEN i.n > placed THEN queued_before + i.n - placed END, i.idempotency_key
      FROM input i, took ORDER BY i.n
    RETURNING ${WRITTEN_COLUMNS}),
  event AS (
    INSERT INTO task_events (id, task_id, claim_id, actor_user_id, actor_organisation_id, kind, details, occurred_at)
    SELECT i.event_id, c.task_id, c.id, c.volunteer_id, i.organisation_id, CASE WHEN c.status = 'WAITLISTED' THEN 'WAITLISTED' ELSE 'CLAIMED' END,
           jsonb_build_object('status', c.status), clock_timestamp()
      FROM claim c JOIN input i ON i.id = c.id ORDER BY i.n)`;

/** The most claims one statement writes. */
const MOST_IN_ONE = 32;

/** A volunteer's claim, checked (ClaimService) and ready to be written. */
export interface ClaimToWrite {
  actor: Actor;
  taskId: string;
  organisationId: string;
  idempotencyKey: string | null;
}

export const pgCode = (error: unknown) => (error as { driverError?: { code?: string; constraint?: string } }).driverError;

/**
 * Writes claims. Each claim is one statement with its timeline, audit and outbox events, committed on its
 * own: the task's row is locked from that statement's start to its commit inside PostgreSQL, never while an
 * answer travels to this process and a COMMIT back. Claims on one task that arrive while its statement runs
 * wait and are written together by the next (`KeyedBatches`): 200 volunteers claiming one task at once take
 * its row a few times, not 200 — the row, not the API, is what a claim waits for. If a joint statement fails
 * (one volunteer busy at that time, or the same claim twice in it), each of its claims is written on its own,
 * so that one claim's conflict cannot cost the others theirs.
 */
@Injectable()
export class ClaimWriter {
  private readonly lines = new KeyedBatches<string, ClaimToWrite, TaskClaim | null>((taskId, claims) => this.writeAll(taskId, claims), MOST_IN_ONE);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditTrail,
    private readonly chainer: AuditChainer,
    private readonly events: TaskEvents,
  ) {}

  /** Writes the claim: a place, a pending place or a waitlist number. Null when the task is no longer open for claims. */
  write(claim: ClaimToWrite): Promise<TaskClaim | null> {
    return this.lines.add(claim.taskId, claim);
  }

  private async writeAll(taskId: string, claims: ClaimToWrite[]): Promise<Outcome<TaskClaim | null>[]> {
    if (claims.length === 1) return [await settle(this.writeOne(claims[0]))];
    const ids = claims.map(() => newId());
    const into = new StatementValues([taskId, ids, claims.map((c) => c.actor.userId), claims.map((c) => c.idempotencyKey), claims.map(() => newId()),
      claims.map((c) => c.actor.acting?.organisationId ?? null)]);
    let rows: WrittenClaim[];
    try {
      rows = await queryPrepared<WrittenClaim>(this.db.manager, this.statement(TAKE_PLACES_OR_QUEUE_CTES, into, claims, ids), into.values);
    } catch {
      const outcomes: Outcome<TaskClaim | null>[] = [];
      for (const claim of claims) outcomes.push(await settle(this.writeOne(claim)));
      return outcomes;
    }
    const written = await this.answers(rows, claims[0].organisationId);
    return ids.map((id) => ({ ok: true, value: written?.get(id) ?? null }));
  }

  private async writeOne(claim: ClaimToWrite, retried = false): Promise<TaskClaim | null> {
    const id = newId();
    const into = new StatementValues([claim.taskId, id, claim.actor.userId, claim.idempotencyKey, newId(), claim.actor.acting?.organisationId ?? null]);
    let rows: WrittenClaim[];
    try {
      rows = await queryPrepared<WrittenClaim>(this.db.manager, this.statement(TAKE_PLACE_OR_QUEUE_CTES, into, [claim], [id]), into.values);
    } catch (error) {
      const driver = pgCode(error);
      // Two claims of one volunteer on two overlapping tasks at once can each wait for the other's row in the exclusion
      // index; PostgreSQL ends one of them. Tried again, it meets the other's claim, committed by then: a conflict.
      if (driver?.code === '40P01' && !retried) return this.writeOne(claim, true);
      if (driver?.code === '23P01') throw conflict('OVERLAPPING_CLAIM', 'You already hold a task at this time: give that one up first.', 'input.taskId');
      if (driver?.constraint === 'task_claims_one_per_volunteer') throw conflict('ALREADY_CLAIMED', 'You have already claimed this task.', 'input.taskId');
      throw error;
    }
    return (await this.answers(rows, claim.organisationId))?.get(id) ?? null;
  }

  /**
   * The claims' statement: the CTEs that write them, then each volunteer's act in the audit trail (the outcome — a
   * place or a waitlist number — is the claim's and its timeline event's) and the staff's news of it, written by
   * the same statement if the claims are, linked into the chain and relayed just after.
   */
  private statement(ctes: string, into: StatementValues, claims: ClaimToWrite[], ids: string[]): string {
    const { taskId, organisationId } = claims[0];
    const audited = this.audit.stagedWrite(into, claims.map((claim, i) => ({
      actor: auditActor(claim.actor),
      events: [{ action: 'CHANGE' as const, subjectType: 'TaskClaim', subjectId: ids[i], fields: ['status'], grounds: { rule: 'self' }, details: { task: taskId, claimed: true } }],
    })), 'claim');
    const told = this.events.claimed(into, claims.map((c) => c.actor), taskId, organisationId, 'claim');
    return `WITH ${ctes},\n  audited AS (${audited})${told ? `,\n  told AS (${told})` : ''}\n${WRITTEN_CLAIM_SELECT}`;
  }

  /**
   * The committed claims as the API answers them, by id (their audit events chained soon); a waitlisted claim's place
   * among those still waiting is read now that they are committed. Null when none was written (the task closed).
   */
  private async answers(rows: WrittenClaim[], organisationId: string): Promise<Map<string, TaskClaim> | null> {
    if (rows.length === 0) return null;
    this.chainer.soon();
    const claims = new Map(rows.map((row) => [row.id, TASK_CLAIM_STORE.toModel({ ...row, waitlistPosition: null, reminder: null, checkInPlace: null, checkOutPlace: null,
      taskOrganisationId: organisationId })]));
    const waiting = rows.filter((row) => row.status === ClaimStatus.WAITLISTED).map((row) => row.id);
    if (waiting.length > 0) {
      const read = await queryPrepared<object>(this.db.manager, `${TASK_CLAIM_STORE.select} ${CLAIMS_FROM} WHERE c.id = ANY($1)`, [waiting]);
      for (const claim of read.map(TASK_CLAIM_STORE.toModel)) claims.set(claim.id, claim);
    }
    return claims;
  }
}
