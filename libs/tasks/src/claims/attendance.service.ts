import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, badInput, beijingDate, changedRows, conflict, requireRole, Role } from '@zhulian/core';
import { joinUser, userName } from '@zhulian/identity';
import { stringify } from 'csv-stringify/sync';
import { DataSource, EntityManager } from 'typeorm';
import { TaskTimeline } from '../tasks/task-timeline';
import { ClaimService } from './claim.service';
import { StoredPlace } from './task-claim.store';
import { CheckInInput, CheckOutInput, CheckPlaceInput, ClaimDecisionInput, ClaimStatus, ConfirmHoursInput, HoursStatement, TaskClaim, VolunteerHours } from './claim.type';

/** From how long before a task a volunteer may check in, and until how long after it they may still. */
const CHECK_IN_EARLY_HOURS = 1;
export const CHECK_IN_LATE_HOURS = 2;

/**
 * A place as kept: to four decimals (about 11 metres: enough to tell that a volunteer was at the task, no finer
 * than that), the accuracy in whole metres. Null when the volunteer did not say.
 */
export function placeOf(place: CheckPlaceInput | undefined): StoredPlace | null {
  if (!place) return null;
  const at4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const accuracy = place.accuracyMeters === undefined || place.accuracyMeters === null ? {} : { accuracyMeters: Math.round(place.accuracyMeters) };
  return { latitude: at4(place.latitude), longitude: at4(place.longitude), ...accuracy };
}

/**
 * From a held place to counted hours: the volunteer checks in and out (the minutes between are counted)
 * with a short report; the organisation confirms the hours, correcting them if needed, or marks a
 * volunteer who never came. Only confirmed hours count in a volunteer's hours and statement.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly claims: ClaimService,
    private readonly timeline: TaskTimeline,
  ) {}

  async checkIn(actor: Actor, input: CheckInInput): Promise<TaskClaim> {
    requireRole(actor, [Role.VOLUNTEER], 'check in');
    return this.db.transaction(async (tx) => {
      const claim = await this.claims.mine(tx, actor, input.claimId);
      const moved = await changedRows(tx, `UPDATE task_claims c SET checked_in_at = now(), checked_in_place = $4, version = c.version + 1, updated_at = now()
          FROM tasks t WHERE c.id = $1 AND t.id = c.task_id AND c.status = 'HELD' AND c.checked_in_at IS NULL AND t.status = 'OPEN'
            AND now() BETWEEN t.starts_at - make_interval(hours => $2) AND t.ends_at + make_interval(hours => $3) RETURNING c.id`,
        [claim.id, CHECK_IN_EARLY_HOURS, CHECK_IN_LATE_HOURS, placeOf(input.place)]);
      if (moved.length === 0) {
        if (claim.checkedInAt) throw conflict('ALREADY_CHECKED_IN', 'You have already checked in.');
        if (claim.status !== 'HELD') throw conflict('CLAIM_NOT_HELD', 'You do not hold a place on this task.');
        throw conflict('NOT_CHECK_IN_TIME', `Check in from ${CHECK_IN_EARLY_HOURS} hour before the task until ${CHECK_IN_LATE_HOURS} hours after it ends.`);
      }
      await this.timeline.record(tx, actor, claim.taskId, 'CHECKED_IN', { claimId: claim.id });
      await this.claims.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id,
        fields: input.place ? ['checkedInAt', 'checkInPlace'] : ['checkedInAt'], grounds: { rule: 'self' } }]);
      return this.claims.one(tx, claim.id);
    });
  }

  async checkOut(actor: Actor, input: CheckOutInput): Promise<TaskClaim> {
    requireRole(actor, [Role.VOLUNTEER], 'check out');
    return this.db.transaction(async (tx) => {
      const claim = await this.claims.mine(tx, actor, input.claimId);
      const moved = await changedRows(tx, `UPDATE task_claims SET checked_out_at = now(), checked_out_place = $3, status = 'COMPLETED', report = $2,
          minutes = LEAST(1440, round(extract(epoch FROM now() - checked_in_at) / 60))::int, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'HELD' AND checked_in_at IS NOT NULL AND checked_out_at IS NULL RETURNING id`, [claim.id, input.report ?? null, placeOf(input.place)]);
      if (moved.length === 0) {
        if (claim.checkedOutAt) throw conflict('ALREADY_CHECKED_OUT', 'You have already checked out.');
        throw conflict('NOT_CHECKED_IN', 'Check in first: you check out of a task you checked in to.');
      }
      await this.timeline.record(tx, actor, claim.taskId, 'CHECKED_OUT', { claimId: claim.id });
      await this.claims.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id,
        fields: ['checkedOutAt', 'minutes', 'report', ...(input.place ? ['checkOutPlace'] : [])], grounds: { rule: 'self' } }]);
      return this.claims.one(tx, claim.id);
    });
  }

  /**
   * The organisation confirms the hours of a completed claim, once; it may correct the minutes. A volunteer
   * who came but never checked in (their place held, the task started) has their attendance recorded the
   * same way, with the minutes they served: the claim completes with those hours confirmed.
   */
  async confirmHours(actor: Actor, input: ConfirmHoursInput): Promise<TaskClaim> {
    return this.db.transaction(async (tx) => {
      const claim = await this.claims.ofMyTask(tx, actor, input.claimId);
      if (claim.status === ClaimStatus.HELD && !claim.checkedInAt) return this.recordAttendance(tx, actor, claim, input);
      const moved = await changedRows(tx, `UPDATE task_claims SET minutes = COALESCE($2, minutes), hours_confirmed_at = now(), hours_confirmed_by = $3,
          version = version + 1, updated_at = now()
        WHERE id = $1 AND status = 'COMPLETED' AND hours_confirmed_at IS NULL RETURNING id`, [claim.id, input.minutes ?? null, actor.userId]);
      if (moved.length === 0) {
        if (claim.hoursConfirmedAt) throw conflict('HOURS_ALREADY_CONFIRMED', 'These hours were already confirmed.');
        throw conflict('NOT_COMPLETED', 'The volunteer has not checked out of this task yet.');
      }
      await this.timeline.record(tx, actor, claim.taskId, 'HOURS_CONFIRMED', { claimId: claim.id, minutes: input.minutes ?? claim.minutes });
      await this.claims.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['hoursConfirmedAt', 'minutes'],
        details: { corrected: input.minutes !== undefined && input.minutes !== claim.minutes } }]);
      return this.claims.one(tx, claim.id);
    });
  }

  /** A volunteer held a place, came, and forgot to check in: once the task has started, the organisation records the minutes they served. */
  private async recordAttendance(tx: EntityManager, actor: Actor, claim: TaskClaim, input: ConfirmHoursInput): Promise<TaskClaim> {
    if (input.minutes === undefined || input.minutes === null) {
      throw badInput('MINUTES_REQUIRED', 'The volunteer did not check in: say how many minutes they served.', 'input.minutes');
    }
    const moved = await changedRows(tx, `UPDATE task_claims c SET status = 'COMPLETED', minutes = $2, hours_confirmed_at = now(), hours_confirmed_by = $3,
        version = c.version + 1, updated_at = now()
      FROM tasks t WHERE c.id = $1 AND t.id = c.task_id AND c.status = 'HELD' AND c.checked_in_at IS NULL AND t.starts_at <= now() RETURNING c.id`,
      [claim.id, input.minutes, actor.userId]);
    if (moved.length === 0) throw conflict('NOT_STARTED', 'The task has not started yet: hours are recorded once the volunteer has served them.');
    await this.timeline.record(tx, actor, claim.taskId, 'HOURS_CONFIRMED', { claimId: claim.id, minutes: input.minutes, withoutCheckIn: true });
    await this.claims.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['status', 'hoursConfirmedAt', 'minutes'],
      details: { to: 'COMPLETED', withoutCheckIn: true } }]);
    return this.claims.one(tx, claim.id);
  }

  /** The organisation marks a volunteer who held a place and never checked in, once the task has started. */
  async markNoShow(actor: Actor, input: ClaimDecisionInput): Promise<TaskClaim> {
    return this.db.transaction(async (tx) => {
      const claim = await this.claims.ofMyTask(tx, actor, input.claimId);
      const moved = await changedRows(tx, `UPDATE task_claims c SET status = 'NO_SHOW', reason = $2, version = c.version + 1, updated_at = now()
          FROM tasks t WHERE c.id = $1 AND t.id = c.task_id AND c.status = 'HELD' AND c.checked_in_at IS NULL AND t.starts_at <= now() RETURNING c.id`,
        [claim.id, input.reason ?? null]);
      if (moved.length === 0) throw conflict('NOT_A_NO_SHOW', 'Only a volunteer who held a place and has not checked in, once the task has started, is marked absent.');
      await this.timeline.record(tx, actor, claim.taskId, 'NO_SHOW', { claimId: claim.id });
      await this.claims.record(tx, actor, [{ action: 'CHANGE', subjectType: 'TaskClaim', subjectId: claim.id, fields: ['status'], details: { to: 'NO_SHOW' } }]);
      return this.claims.one(tx, claim.id);
    });
  }

  async myHours(actor: Actor): Promise<VolunteerHours> {
    requireRole(actor, [Role.VOLUNTEER], 'see your hours');
    const [row]: { confirmed: number; waiting: number; done: number }[] = await this.db.query(
      `SELECT COALESCE(sum(minutes) FILTER (WHERE hours_confirmed_at IS NOT NULL), 0)::int AS confirmed,
              COALESCE(sum(minutes) FILTER (WHERE hours_confirmed_at IS NULL), 0)::int AS waiting, count(*)::int AS done
         FROM task_claims WHERE volunteer_id = $1 AND status = 'COMPLETED'`, [actor.userId]);
    return { confirmedMinutes: row.confirmed, awaitingConfirmationMinutes: row.waiting, tasksCompleted: row.done };
  }

  /** The volunteer's confirmed hours, task by task, as CSV (Chinese or English headings). */
  async statement(actor: Actor, english: boolean): Promise<HoursStatement> {
    requireRole(actor, [Role.VOLUNTEER], 'download your hours');
    const rows: { day: string; organisation: string; title: string; minutes: number; confirmed: string }[] = await this.db.query(
      `SELECT to_char(t.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, o.name AS organisation, t.title, c.minutes,
              to_char(c.hours_confirmed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS confirmed
         FROM task_claims c JOIN tasks t ON t.id = c.task_id JOIN organisations o ON o.id = t.organisation_id
        WHERE c.volunteer_id = $1 AND c.status = 'COMPLETED' AND c.hours_confirmed_at IS NOT NULL ORDER BY t.starts_at, t.id`, [actor.userId]);
    const [who]: { display_name: string; group_name: string }[] = await this.db.query(
      `SELECT ${userName('u')} AS display_name, o.name AS group_name FROM organisations o ${joinUser('u', '$1')} WHERE o.id = $2`, [actor.userId, actor.acting!.organisationId]);
    const total = rows.reduce((sum, r) => sum + r.minutes, 0);
    const hours = (minutes: number) => (minutes / 60).toFixed(1);
    const table = [
      english ? ['Volunteer', who.display_name, 'Group', who.group_name] : ['志愿者', who.display_name, '所属队伍', who.group_name],
      english ? ['Date', 'Organisation', 'Task', 'Hours', 'Confirmed on'] : ['日期', '服务机构', '任务', '时长（小时）', '确认日期'],
      ...rows.map((r) => [r.day, r.organisation, r.title, hours(r.minutes), r.confirmed]),
      english ? ['Total', '', '', hours(total), ''] : ['合计', '', '', hours(total), ''],
    ];
    return {
      filename: `volunteer-hours-${beijingDate(new Date()).date}.csv`,
      csv: `\uFEFF${stringify(table, { record_delimiter: 'windows', escape_formulas: true })}`,
      confirmedMinutes: total,
    };
  }
}
