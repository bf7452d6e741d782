import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { changedRows, JobRunner, ScheduledJob } from '@zhulian/core';
import { DataSource, EntityManager } from 'typeorm';
import { CHECK_IN_LATE_HOURS } from '../claims/attendance.service';
import { ClaimService } from '../claims/claim.service';
import { HandoverService } from '../handovers/handover.service';
import { TaskTimeline } from '../tasks/task-timeline';

export const TASK_DEADLINES_QUEUE = 'task-deadlines';

export interface TaskSweepResult {
  offersExpired: number;
  remindedDayBefore: number;
  remindedHourBefore: number;
  tasksClosed: number;
  handoversApproved: number;
  handoversLapsed: number;
  placesForgotten: number;
}

/** How long after a volunteer's hours are confirmed the organisation can still see where they checked in and out. */
export const PLACES_KEPT_DAYS = 30;

/**
 * The tasks' deadlines, at the time the injected clock gives: offers not confirmed in time pass on;
 * volunteers holding a place are reminded the day before and the hour before (each once; a place taken
 * within the last day gets the hour's reminder only); tasks past their check-in window close, claims
 * still waiting on them end and a volunteer who forgot to check out is checked out at the task's end; hand-overs not answered in time are approved;
 * where volunteers checked in and out is forgotten {@link PLACES_KEPT_DAYS} days after their hours were confirmed. Idempotent and safe on several
 * nodes: every step is a conditional update of rows not yet stepped.
 */
@Injectable()
export class TaskDeadlines implements ScheduledJob, OnModuleInit {
  readonly queue = TASK_DEADLINES_QUEUE;
  readonly cron = '* * * * *';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runner: JobRunner,
    private readonly claims: ClaimService,
    private readonly handovers: HandoverService,
    private readonly timeline: TaskTimeline,
  ) {}

  onModuleInit(): void {
    this.runner.register(this);
  }

  async run(now: Date): Promise<Record<string, number>> {
    return { ...(await this.sweep(now)) };
  }

  async sweep(now: Date): Promise<TaskSweepResult> {
    const offersExpired = await this.claims.expireOffers(now);
    const [remindedDayBefore, remindedHourBefore, tasksClosed] = await this.db.transaction(async (tx) => [
      await this.remind(tx, now, 'reminded_day_at', `t.starts_at - interval '24 hours' <= $1 AND t.starts_at - interval '1 hour' > $1`, 'DAY'),
      await this.remind(tx, now, 'reminded_hour_at', `t.starts_at - interval '1 hour' <= $1 AND t.starts_at > $1`, 'HOUR'),
      await this.close(tx, now),
    ]);
    const { approved, lapsed } = await this.handovers.settleDue(now);
    const placesForgotten = await this.forgetPlaces(now);
    return { offersExpired, remindedDayBefore, remindedHourBefore, tasksClosed, handoversApproved: approved, handoversLapsed: lapsed, placesForgotten };
  }

  /**
   * A check-in's place serves to confirm that the volunteer was there; once the hours are confirmed and a
   * month has passed for questions, nobody needs it: it is erased (the times and the hours stay).
   */
  private async forgetPlaces(now: Date): Promise<number> {
    const forgotten = await changedRows(this.db.manager, `UPDATE task_claims SET checked_in_place = NULL, checked_out_place = NULL, updated_at = $1
      WHERE (checked_in_place IS NOT NULL OR checked_out_place IS NOT NULL) AND hours_confirmed_at <= $1::timestamptz - make_interval(days => $2) RETURNING id`,
      [now, PLACES_KEPT_DAYS]);
    return forgotten.length;
  }

  private async remind(tx: EntityManager, now: Date, column: 'reminded_day_at' | 'reminded_hour_at', due: string, before: 'DAY' | 'HOUR'): Promise<number> {
    const rows = await changedRows<{ id: string; task_id: string }>(tx,
      `UPDATE task_claims c SET ${column} = $1 FROM tasks t
        WHERE t.id = c.task_id AND c.status = 'HELD' AND t.status = 'OPEN' AND c.${column} IS NULL AND ${due}
      RETURNING c.id, c.task_id`, [now]);
    for (const row of rows) await this.timeline.record(tx, null, row.task_id, 'REMINDED', { claimId: row.id, before }, now);
    return rows.length;
  }

  /**
   * Tasks past their check-in window close; claims still pending, waiting or offered on them end; a volunteer
   * checked in but never out is checked out at the task's end. A held claim never checked in stays for the
   * organisation to mark as a no-show.
   */
  private async close(tx: EntityManager, now: Date): Promise<number> {
    const closed = await changedRows<{ id: string }>(tx,
      `UPDATE tasks SET status = 'COMPLETED', version = version + 1, updated_at = $1
        WHERE id IN (SELECT id FROM tasks WHERE status = 'OPEN' AND ends_at + make_interval(hours => $2) <= $1 FOR UPDATE SKIP LOCKED) RETURNING id`,
      [now, CHECK_IN_LATE_HOURS]);
    if (closed.length === 0) return 0;
    const ids = closed.map((t) => t.id);
    await tx.query(`UPDATE task_claims SET status = 'EXPIRED', reason = 'the task ended', version = version + 1, updated_at = $2
      WHERE task_id = ANY($1) AND status IN ('PENDING', 'WAITLISTED', 'OFFERED')`, [ids, now]);
    // A volunteer who checked in and forgot to check out is checked out at the task's end: the organisation confirms or corrects the hours.
    const forgotten = await changedRows<{ id: string; task_id: string; minutes: number }>(tx,
      `UPDATE task_claims c SET checked_out_at = GREATEST(c.checked_in_at, t.ends_at), status = 'COMPLETED',
          minutes = LEAST(1440, round(extract(epoch FROM GREATEST(c.checked_in_at, t.ends_at) - c.checked_in_at) / 60))::int, version = c.version + 1, updated_at = $2
        FROM tasks t WHERE t.id = c.task_id AND c.task_id = ANY($1) AND c.status = 'HELD' AND c.checked_in_at IS NOT NULL AND c.checked_out_at IS NULL
      RETURNING c.id, c.task_id, c.minutes`, [ids, now]);
    for (const claim of forgotten) {
      await this.timeline.record(tx, null, claim.task_id, 'CHECKED_OUT', { claimId: claim.id, automatic: true, minutes: claim.minutes }, now);
    }
    for (const id of ids) await this.timeline.record(tx, null, id, 'CLOSED', {}, now);
    return closed.length;
  }
}
