import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertNoPersonalData, auditActor, AuditEvent, AuditTrail } from '@zhulian/access';
import { Actor, badInput, changedRows, conflict, Connection, cursorScope, newId, notFound, PageArgs, paginateById, requireRole } from '@zhulian/core';
import { OrganisationService } from '@zhulian/identity';
import { DataSource, EntityManager } from 'typeorm';
import { TASK_POSTERS } from '../tasks/task.rules';
import { TaskTimeline } from '../tasks/task-timeline';
import { TaskService } from '../tasks/task.service';
import { TaskStatus } from '../tasks/task.type';
import { AnswerHandoverInput, HandoverDirection, HandoverStatus, RequestHandoverInput, TaskHandover } from './handover.type';
import { TaskEvents } from '../tasks/task-events';

/** How long the holder has to answer before the hand-over is approved by itself. */
export const HANDOVER_ANSWER_DAYS = 3;
/** A hand-over is settled at least this long before the task starts, so that its volunteers know who runs it. */
const SETTLED_BEFORE_START_HOURS = 6;

interface HandoverRow {
  id: string;
  task_id: string;
  from_organisation_id: string;
  from_organisation_name: string;
  to_organisation_id: string;
  to_organisation_name: string;
  reason: string;
  status: HandoverStatus;
  answer_by: Date;
  answered_at: Date | null;
  answer_reason: string | null;
  automatic: boolean;
  created_at: Date;
}

const HANDOVER_SELECT = `SELECT h.id, h.task_id, h.from_organisation_id, fo.name AS from_organisation_name, h.to_organisation_id, too.name AS to_organisation_name,
  h.reason, h.status, h.answer_by, h.answered_at, h.answer_reason, h.automatic, h.created_at
  FROM task_handovers h JOIN organisations fo ON fo.id = h.from_organisation_id JOIN organisations too ON too.id = h.to_organisation_id`;

/**
 * Organisations taking over each other's tasks, as disaster-response coordination does: an organisation
 * asks to take a task another holds, with a reason; the holder approves or declines (with a reason) within
 * a set number of days, after which the request is approved by itself. On approval the task — its places,
 * claims and waitlist — moves to the taker. A task that discloses a person's data stays with the
 * organisation that holds the person's case. Every step is on the task's timeline and in the audit trail
 * of both organisations.
 */
@Injectable()
export class HandoverService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tasks: TaskService,
    private readonly timeline: TaskTimeline,
    private readonly audit: AuditTrail,
    private readonly events: TaskEvents,
    private readonly organisations: OrganisationService,
  ) {}

  async request(actor: Actor, input: RequestHandoverInput): Promise<TaskHandover> {
    const acting = requireRole(actor, TASK_POSTERS, 'take over tasks');
    assertNoPersonalData(input.reason, { field: 'input.reason' });
    return this.db.transaction(async (tx) => {
      const task = await this.tasks.get(actor, input.taskId, tx);
      await tx.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [task.id]);
      if (task.organisationId === acting.organisationId) throw conflict('ALREADY_YOURS', 'Your organisation already runs this task.');
      if (task.status !== TaskStatus.OPEN) throw conflict('TASK_NOT_OPEN', 'This task is no longer open.');
      if (task.discloses.length > 0) {
        throw conflict('TASK_DISCLOSES_PERSON', 'This task discloses a person’s data to its volunteers: it stays with the organisation that holds their case.');
      }
      const [due]: { answer_by: Date; in_time: boolean }[] = await tx.query(
        `SELECT LEAST(now() + make_interval(days => $2), starts_at - make_interval(hours => $3)) AS answer_by,
                LEAST(now() + make_interval(days => $2), starts_at - make_interval(hours => $3)) > now() + interval '1 hour' AS in_time
           FROM tasks WHERE id = $1`, [task.id, HANDOVER_ANSWER_DAYS, SETTLED_BEFORE_START_HOURS]);
      if (!due.in_time) throw conflict('TOO_LATE_FOR_HANDOVER', 'This task starts too soon to change hands: call its organisation instead.');
      const id = newId();
      try {
        await tx.query(`INSERT INTO task_handovers (id, task_id, from_organisation_id, to_organisation_id, requested_by, reason, answer_by)
          VALUES ($1, $2, $3, $4, $5, $6, $7)`, [id, task.id, task.organisationId, acting.organisationId, actor.userId, input.reason, due.answer_by]);
      } catch (error) {
        if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'task_handovers_one_open') {
          throw conflict('HANDOVER_PENDING', 'Another hand-over of this task is waiting for an answer.');
        }
        throw error;
      }
      await this.timeline.record(tx, actor, task.id, 'HANDOVER_REQUESTED', { handoverId: id, reason: input.reason });
      const asking = await this.organisations.get(actor, acting.organisationId);
      await this.events.handoverAsked(tx, actor, task.id, task.organisationId, asking.name);
      await this.record(tx, actor, { id, from: task.organisationId, to: acting.organisationId }, HandoverStatus.REQUESTED);
      return this.one(tx, id);
    });
  }

  async answer(actor: Actor, input: AnswerHandoverInput): Promise<TaskHandover> {
    requireRole(actor, TASK_POSTERS, 'answer hand-overs');
    if (!input.approve && (!input.reason || input.reason.length < 2)) throw badInput('REASON_REQUIRED', 'Say in a few words why you keep the task.', 'input.reason');
    if (input.reason) assertNoPersonalData(input.reason, { field: 'input.reason' });
    return this.db.transaction(async (tx) => {
      const handover = await this.visible(tx, actor, input.handoverId);
      if (handover.fromOrganisationId !== actor.acting!.organisationId) throw notFound('HANDOVER_NOT_FOUND', 'No such hand-over of your organisation’s tasks.');
      await this.tasks.runnable(tx, actor, handover.taskId);
      const status = input.approve ? HandoverStatus.APPROVED : HandoverStatus.DECLINED;
      const moved = await changedRows(tx, `UPDATE task_handovers SET status = $2, answered_by = $3, answered_at = now(), answer_reason = $4, version = version + 1
        WHERE id = $1 AND status = 'REQUESTED' RETURNING id`, [handover.id, status, actor.userId, input.reason ?? null]);
      if (moved.length === 0) throw conflict('HANDOVER_NOT_OPEN', 'This hand-over was already settled.');
      if (input.approve) await this.transfer(tx, actor, handover, false);
      else await this.timeline.record(tx, actor, handover.taskId, 'HANDOVER_DECLINED', { handoverId: handover.id, reason: input.reason });
      await this.record(tx, actor, { id: handover.id, from: handover.fromOrganisationId, to: handover.toOrganisationId }, status);
      return this.one(tx, handover.id);
    });
  }

  async withdraw(actor: Actor, handoverId: string): Promise<TaskHandover> {
    requireRole(actor, TASK_POSTERS, 'withdraw hand-overs');
    return this.db.transaction(async (tx) => {
      const handover = await this.visible(tx, actor, handoverId);
      if (handover.toOrganisationId !== actor.acting!.organisationId) throw notFound('HANDOVER_NOT_FOUND', 'No such hand-over asked by your organisation.');
      const moved = await changedRows(tx, `UPDATE task_handovers SET status = 'WITHDRAWN', answered_at = now(), version = version + 1
        WHERE id = $1 AND status = 'REQUESTED' RETURNING id`, [handover.id]);
      if (moved.length === 0) throw conflict('HANDOVER_NOT_OPEN', 'This hand-over was already settled.');
      await this.timeline.record(tx, actor, handover.taskId, 'HANDOVER_WITHDRAWN', { handoverId: handover.id });
      await this.record(tx, actor, { id: handover.id, from: handover.fromOrganisationId, to: handover.toOrganisationId }, HandoverStatus.WITHDRAWN);
      return this.one(tx, handover.id);
    });
  }

  /**
   * Hand-overs the holder did not answer in time are approved; those whose task closed first lapse (the
   * deadline job calls this). Returns how many were approved and how many lapsed.
   */
  async settleDue(at: Date): Promise<{ approved: number; lapsed: number }> {
    return this.db.transaction(async (tx) => {
      const lapsed = await changedRows<{ id: string; task_id: string; from_organisation_id: string; to_organisation_id: string }>(tx,
        `UPDATE task_handovers h SET status = 'LAPSED', answered_at = $1, version = h.version + 1 FROM tasks t
          WHERE t.id = h.task_id AND h.status = 'REQUESTED' AND (t.status <> 'OPEN' OR t.starts_at <= $1)
        RETURNING h.id, h.task_id, h.from_organisation_id, h.to_organisation_id`, [at]);
      const due: HandoverRow[] = await tx.query(`${HANDOVER_SELECT} WHERE h.status = 'REQUESTED' AND h.answer_by <= $1 FOR UPDATE OF h SKIP LOCKED`, [at]);
      for (const row of due) {
        await tx.query(`UPDATE task_handovers SET status = 'APPROVED', automatic = true, answered_at = $2, version = version + 1 WHERE id = $1`, [row.id, at]);
        await this.transfer(tx, null, toHandover(row), true, at);
      }
      for (const row of lapsed) await this.timeline.record(tx, null, row.task_id, 'HANDOVER_LAPSED', { handoverId: row.id }, at);
      const events = [
        ...due.map((row) => ({ id: row.id, from: row.from_organisation_id, to: row.to_organisation_id, status: HandoverStatus.APPROVED })),
        ...lapsed.map((row) => ({ id: row.id, from: row.from_organisation_id, to: row.to_organisation_id, status: HandoverStatus.LAPSED })),
      ];
      if (events.length > 0) await this.audit.record(tx, { userId: null, organisationId: null }, events.map((e) => handoverEvent(e, e.status, { rule: 'deadline' })));
      return { approved: due.length, lapsed: lapsed.length };
    });
  }

  /** Hand-overs of the acting organisation's tasks (incoming) or asked by it (outgoing), newest first. */
  list(actor: Actor, args: PageArgs & { direction: HandoverDirection; status?: HandoverStatus[] }): Promise<Connection<TaskHandover>> {
    requireRole(actor, TASK_POSTERS, 'see hand-overs');
    const column = args.direction === HandoverDirection.INCOMING ? 'h.from_organisation_id' : 'h.to_organisation_id';
    return paginateById(args, async (after, limit) => (await this.db.query(
      `${HANDOVER_SELECT} WHERE ${column} = $1 AND ($2::text[] IS NULL OR h.status = ANY($2)) AND ($3::uuid IS NULL OR h.id < $3) ORDER BY h.id DESC LIMIT ${Number(limit)}`,
      [actor.acting!.organisationId, args.status?.length ? args.status : null, after]) as HandoverRow[]).map(toHandover),
    cursorScope(actor, `handovers-${args.direction}`));
  }

  /** The hand-over waiting for an answer on each of the given tasks, for the two organisations it concerns. */
  async openOf(actor: Actor, taskIds: readonly string[]): Promise<Map<string, TaskHandover>> {
    const organisationId = actor.acting?.organisationId ?? null;
    if (!organisationId || !TASK_POSTERS.includes(actor.acting!.role)) return new Map();
    const rows: HandoverRow[] = await this.db.query(`${HANDOVER_SELECT} WHERE h.task_id = ANY($1) AND h.status = 'REQUESTED'
      AND $2 IN (h.from_organisation_id, h.to_organisation_id)`, [[...taskIds], organisationId]);
    return new Map(rows.map((r) => [r.task_id, toHandover(r)]));
  }

  private async transfer(tx: EntityManager, actor: Actor | null, handover: TaskHandover, automatic: boolean, at?: Date): Promise<void> {
    const moved = await changedRows(tx, `UPDATE tasks SET organisation_id = $3, version = version + 1, updated_at = now()
      WHERE id = $1 AND organisation_id = $2 AND status = 'OPEN' RETURNING id`, [handover.taskId, handover.fromOrganisationId, handover.toOrganisationId]);
    if (moved.length === 0) throw conflict('TASK_NOT_OPEN', 'This task is no longer open.');
    await this.timeline.record(tx, actor, handover.taskId, 'HANDED_OVER', {
      handoverId: handover.id, from: handover.fromOrganisationName, to: handover.toOrganisationName, automatic,
    }, at);
  }

  private async visible(tx: EntityManager, actor: Actor, id: string): Promise<TaskHandover> {
    const [row]: HandoverRow[] = await tx.query(`${HANDOVER_SELECT} WHERE h.id = $1 AND $2 IN (h.from_organisation_id, h.to_organisation_id) FOR UPDATE OF h`,
      [id, actor.acting!.organisationId]);
    if (!row) throw notFound('HANDOVER_NOT_FOUND', 'No such hand-over of your organisation.');
    return toHandover(row);
  }

  private async one(tx: EntityManager, id: string): Promise<TaskHandover> {
    const [row]: HandoverRow[] = await tx.query(`${HANDOVER_SELECT} WHERE h.id = $1`, [id]);
    return toHandover(row);
  }

  private record(tx: EntityManager, actor: Actor, handover: { id: string; from: string; to: string }, status: HandoverStatus): Promise<void> {
    return this.audit.record(tx, auditActor(actor),
      [handoverEvent(handover, status, { role: actor.acting!.role })]);
  }
}

function handoverEvent(handover: { id: string; from: string; to: string }, status: HandoverStatus, grounds: Record<string, string>): AuditEvent {
  return { action: 'CHANGE', subjectType: 'TaskHandover', subjectId: handover.id, fields: ['status'], grounds,
    details: { to: status }, holderOrganisationIds: [handover.from, handover.to] };
}

function toHandover(row: HandoverRow): TaskHandover {
  return {
    id: row.id, taskId: row.task_id, fromOrganisationId: row.from_organisation_id, fromOrganisationName: row.from_organisation_name,
    toOrganisationId: row.to_organisation_id, toOrganisationName: row.to_organisation_name, reason: row.reason, status: row.status,
    answerBy: row.answer_by, answeredAt: row.answered_at, answerReason: row.answer_reason, automatic: row.automatic, createdAt: row.created_at,
  };
}
