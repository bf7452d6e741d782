import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Actor, AppError, CLOCK, Clock, forbidden, Role } from '@zhulian/core';
import { DEMO_ORGS } from '@zhulian/identity';
import { DataSource } from 'typeorm';
import { AttendanceService, CHECK_IN_LATE_HOURS } from '../claims/attendance.service';
import { ClaimService } from '../claims/claim.service';
import { CoverService } from '../cover/cover.service';
import { TaskDeadlines } from '../deadlines/task-deadlines';
import { HandoverService } from '../handovers/handover.service';
import { TaskService } from '../tasks/task.service';
import { VolunteerService } from '../volunteers/volunteer.service';
import {
  DEMO_GROUP_COORDINATOR, DEMO_POSTERS, DEMO_TASKS, DEMO_VOLUNTEER_EMAILS, DEMO_VOLUNTEER_PROFILES, DemoClaim, DemoPoster, DemoTask, DemoVolunteer, DemoWhen,
} from './tasks-demo.data';

export interface TasksDemoResult {
  volunteerProfiles: number;
  tasks: number;
  claims: number;
  /** Stories the services refused (a database whose demo users were changed by hand): what was left out and why. */
  skipped: string[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;

const POSTER_ORGANISATIONS: Record<DemoPoster, string> = {
  elderlyNgo: DEMO_ORGS.elderlyNgo, familyNgo: DEMO_ORGS.familyNgo, charity: DEMO_ORGS.charity, jianwai: DEMO_ORGS.streetJianwai,
};
/** 建外街道's demo cases (libs/referrals/src/demo). */
const DEMO_CASES = '0193a000-0000-7000-8000-7%';

/** A task's time: done (its check-in window closed), running now, or ahead. */
interface Window {
  start: Date;
  end: Date;
  phase: 'DONE' | 'RUNNING' | 'AHEAD';
}

interface Claimed {
  spec: DemoClaim;
  id: string;
  volunteer: Actor;
}

/**
 * The demo alliance's volunteer world: the five volunteers' profiles and their group's checks, and about forty
 * tasks of the two NGOs, the charity and 建外街道 in every state — each told through the tasks lib's own
 * services (posted, claimed, approved, checked in and out, confirmed, given up, cancelled, asked to change
 * hands) as the people of the demo would, so that it is valid by construction. Dates are relative to the
 * injected clock. Idempotent: a task posted under its demo key, or a profile already kept, is left as it is.
 * Runs after the rest of the demo is committed: each service call is its own transaction.
 */
export async function seedTasksDemo(app: Pick<INestApplicationContext, 'get'>): Promise<TasksDemoResult> {
  return new TasksDemoLoader(app).load();
}

class TasksDemoLoader {
  private readonly db: DataSource;
  private readonly now: Date;
  private readonly actors = new Map<string, Actor>();
  private readonly added: TasksDemoResult = { volunteerProfiles: 0, tasks: 0, claims: 0, skipped: [] };

  constructor(private readonly app: Pick<INestApplicationContext, 'get'>) {
    this.db = app.get<DataSource>(getDataSourceToken());
    this.now = app.get<Clock>(CLOCK).now();
  }

  async load(): Promise<TasksDemoResult> {
    for (const profile of DEMO_VOLUNTEER_PROFILES) await this.refusalsSkipped(`volunteer${profile.volunteer}`, () => this.keepProfile(profile));
    // What has happened is told first, before the volunteers hold places ahead: a past task is claimed as if it started soon.
    const stories = DEMO_TASKS.map((story) => ({ story, window: this.windowOf(story.when) }));
    const order = { DONE: 0, RUNNING: 1, AHEAD: 2 };
    stories.sort((a, b) => order[a.window.phase] - order[b.window.phase] || (a.window.phase === 'DONE' ? a.window.start.getTime() - b.window.start.getTime() : 0));
    for (const { story, window } of stories) {
      const [told] = await this.db.query(`SELECT 1 FROM tasks t JOIN users u ON u.id = t.posted_by WHERE u.email = $1 AND t.idempotency_key = $2`,
        [DEMO_POSTERS[story.poster], story.key]);
      if (!told) await this.refusalsSkipped(story.key, () => this.tell(story, window));
    }
    return this.added;
  }

  /** A refusal of the services (a demo user changed by hand) leaves that story out and says so; anything else is a bug and stops the load. */
  private async refusalsSkipped(what: string, tell: () => Promise<void>): Promise<void> {
    try {
      await tell();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.added.skipped.push(`${what}: ${error.reason}`);
    }
  }

  private async keepProfile(profile: (typeof DEMO_VOLUNTEER_PROFILES)[number]): Promise<void> {
    const volunteer = await this.volunteer(profile.volunteer);
    const [kept] = await this.db.query(`SELECT 1 FROM volunteer_profiles WHERE user_id = $1`, [volunteer.userId]);
    if (kept) return; // a volunteer who saved their own profile keeps it
    const { skills, areaCodes, availability, languages, idNumber } = profile;
    await this.app.get(VolunteerService).saveMine(volunteer, { skills, areaCodes, availability, languages, idNumber });
    this.added.volunteerProfiles += 1;
    if (!profile.checked) return;
    const validUntil = this.beijingDay(profile.checked.backgroundValidForDays);
    const coordinator = await this.actor(DEMO_GROUP_COORDINATOR, DEMO_ORGS.volunteers);
    await this.app.get(VolunteerService).verify(coordinator, { userId: volunteer.userId, identityChecked: true, backgroundCheckValidUntil: validUntil });
    // Moving time: the checks were made a year before they run out (the service stamps them today), the profile a week before that.
    await this.db.query(
      `UPDATE volunteer_profiles SET identity_checked_at = v.checked_at, background_checked_at = v.checked_at, created_at = v.checked_at - interval '7 days'
         FROM (SELECT LEAST(now(), ($2::date - interval '1 year' + interval '10 hours') AT TIME ZONE 'Asia/Shanghai') AS checked_at) v
        WHERE user_id = $1`, [volunteer.userId, validUntil]);
  }

  private async tell(story: DemoTask, window: Window): Promise<void> {
    const poster = await this.actor(DEMO_POSTERS[story.poster], POSTER_ORGANISATIONS[story.poster]);
    // The services take no task in the past: one that has happened (or is happening) is posted to start in half an
    // hour, claimed and checked into, then moved to its time (`moveTo`).
    const start = window.phase === 'AHEAD' ? window.start : new Date(this.now.getTime() + 30 * MINUTE);
    const task = await this.app.get(TaskService).post(poster, {
      title: story.title, description: story.description, skills: story.skills, regionCode: story.regionCode ?? '110105', slots: story.slots,
      startsAt: start, endsAt: new Date(start.getTime() + window.end.getTime() - window.start.getTime()),
      needsApproval: story.needsApproval ?? false, involvesMinor: story.involvesMinor ?? false, homeVisit: story.homeVisit ?? false,
      caseId: story.forCase ? await this.caseFor(poster) : undefined, discloses: story.forCase?.discloses, idempotencyKey: story.key,
    });
    this.added.tasks += 1;
    const claimService = this.app.get(ClaimService);
    const claims: Claimed[] = [];
    for (const spec of story.claims ?? []) {
      const volunteer = await this.volunteer(spec.volunteer);
      const claim = await claimService.claim(volunteer, { taskId: task.id });
      this.added.claims += 1;
      if (spec.approved) await claimService.approve(poster, { claimId: claim.id });
      claims.push({ spec, id: claim.id, volunteer });
    }
    if (window.phase !== 'AHEAD') await this.happen(task.id, window, poster, claims);
    for (const { spec, id, volunteer } of claims) {
      if (spec.released) await claimService.release(volunteer, { claimId: id, reason: spec.released });
    }
    if (story.coverAsked) await this.app.get(CoverService).ask(poster, { taskId: task.id });
    if (story.cancelled) await this.app.get(TaskService).cancel(poster, { taskId: task.id, reason: story.cancelled });
    if (story.handoverAskedBy) {
      const asker = await this.actor(DEMO_POSTERS[story.handoverAskedBy.poster], POSTER_ORGANISATIONS[story.handoverAskedBy.poster]);
      await this.app.get(HandoverService).request(asker, { taskId: task.id, reason: story.handoverAskedBy.reason });
    }
  }

  /** The volunteers come (or not), the organisation confirms their hours; a past task is then closed by the deadline job as it ran two hours after. */
  private async happen(taskId: string, window: Window, poster: Actor, claims: Claimed[]): Promise<void> {
    const attendance = this.app.get(AttendanceService);
    for (const { spec, id, volunteer } of claims) {
      if (spec.checkedIn || spec.attended) await attendance.checkIn(volunteer, { claimId: id, place: spec.place });
    }
    for (const { spec, id, volunteer } of claims) {
      if (!spec.attended) continue;
      // Moving time: the service counts the minutes from the check-in to now, so the check-in is moved back by the time served.
      await this.db.query(`UPDATE task_claims SET checked_in_at = now() - make_interval(mins => $2) WHERE id = $1`, [id, spec.attended.minutes]);
      await attendance.checkOut(volunteer, { claimId: id, report: spec.attended.report, place: spec.place });
    }
    await this.moveTo(taskId, window);
    for (const { spec, id } of claims) if (spec.noShow) await attendance.markNoShow(poster, { claimId: id });
    for (const { spec, id } of claims) if (spec.attended?.confirmed) await attendance.confirmHours(poster, { claimId: id });
    await this.restamp(taskId, window);
    if (window.phase === 'DONE') await this.app.get(TaskDeadlines).sweep(new Date(window.end.getTime() + CHECK_IN_LATE_HOURS * HOUR + MINUTE));
  }

  /** Moving time: the task and its claims to the time it really has (the services refuse to claim or check into a task in the past). */
  private async moveTo(taskId: string, window: Window): Promise<void> {
    await this.db.query(`UPDATE tasks SET starts_at = $2, ends_at = $3 WHERE id = $1`, [taskId, window.start, window.end]);
    await this.db.query(`UPDATE task_claims SET during = tstzrange($2, $3) WHERE task_id = $1`, [taskId, window.start, window.end]);
  }

  /**
   * Moving time: the services stamp every step with the moment the demo was loaded; a task that has happened gets
   * the moments it would have had — posted three days before, claimed over that day, checked into a few minutes
   * before it started, hours confirmed the next morning — on its claims and its timeline alike. (The audit
   * trail, append-only, keeps the moments the demo was loaded.)
   */
  private async restamp(taskId: string, window: Window): Promise<void> {
    const posted = this.beijing(-3, '09:30', window.start);
    await this.db.query(`UPDATE tasks SET created_at = $2, updated_at = $2 WHERE id = $1`, [taskId, posted]);
    await this.db.query(
      `UPDATE task_claims c SET created_at = s.created, checked_in_at = s.checked_in, checked_out_at = s.checked_out, hours_confirmed_at = s.confirmed,
         updated_at = COALESCE(s.confirmed, s.checked_out, CASE WHEN c.status = 'NO_SHOW' THEN $3::timestamptz + interval '40 minutes' END, s.checked_in, s.created)
       FROM (SELECT x.id, x.created,
               CASE WHEN x.checked_in_at IS NOT NULL THEN $3::timestamptz - (2 + 3 * x.k) * interval '1 minute' END AS checked_in,
               CASE WHEN x.checked_out_at IS NOT NULL THEN $3::timestamptz - (2 + 3 * x.k) * interval '1 minute' + x.minutes * interval '1 minute' END AS checked_out,
               CASE WHEN x.hours_confirmed_at IS NOT NULL THEN ((($4::timestamptz AT TIME ZONE 'Asia/Shanghai')::date + 1) + time '10:00') AT TIME ZONE 'Asia/Shanghai' END AS confirmed
             FROM (SELECT id, checked_in_at, checked_out_at, minutes, hours_confirmed_at, row_number() OVER (ORDER BY created_at, id) AS k,
                          $2::timestamptz + row_number() OVER (ORDER BY created_at, id) * interval '2 hours 20 minutes' AS created
                     FROM task_claims WHERE task_id = $1) x) s
      WHERE c.id = s.id`, [taskId, posted, window.start, window.end]);
    await this.db.query(
      `UPDATE task_events e SET occurred_at = x.at
         FROM (SELECT e2.id, CASE e2.kind WHEN 'POSTED' THEN $2::timestamptz WHEN 'CLAIMED' THEN c.created_at WHEN 'WAITLISTED' THEN c.created_at
                 WHEN 'APPROVED' THEN c.created_at + interval '2 hours' WHEN 'CHECKED_IN' THEN c.checked_in_at WHEN 'CHECKED_OUT' THEN c.checked_out_at
                 WHEN 'HOURS_CONFIRMED' THEN c.hours_confirmed_at WHEN 'NO_SHOW' THEN $3::timestamptz + interval '40 minutes' END AS at
                 FROM task_events e2 LEFT JOIN task_claims c ON c.id = e2.claim_id WHERE e2.task_id = $1) x
        WHERE e.id = x.id AND x.at IS NOT NULL`, [taskId, posted, window.start]);
  }

  /** One of 建外街道's open elderly cases assigned to the poster, whose person has a phone and an address, and no demo task yet. */
  private async caseFor(poster: Actor): Promise<string> {
    const [found]: { id: string }[] = await this.db.query(
      `SELECT k.id FROM cases k JOIN people p ON p.id = k.person_id
        WHERE k.id::text LIKE $1 AND k.holding_organisation_id = $2 AND k.status IN ('OPEN', 'IN_PROGRESS') AND 'ELDERLY_CARE' = ANY(k.needs)
          AND p.phone IS NOT NULL AND p.address IS NOT NULL AND p.merged_into IS NULL
          AND EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = k.id AND a.user_id = $3 AND a.ended_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = k.id)
        ORDER BY k.id LIMIT 1`, [DEMO_CASES, poster.acting!.organisationId, poster.userId]);
    if (!found) throw forbidden('DEMO_CASE_MISSING', 'No demo case of 建外街道 is left to post a task from: the work demo loads them.');
    return found.id;
  }

  private windowOf(when: DemoWhen): Window {
    if ('running' in when) {
      const start = new Date(Math.floor((this.now.getTime() - HOUR) / (5 * MINUTE)) * 5 * MINUTE);
      return { start, end: new Date(start.getTime() + 2 * HOUR), phase: 'RUNNING' };
    }
    if ('soon' in when) {
      // Later today while there is time for it (starting at least two hours from now, by 17:00), else tomorrow morning.
      const hour = Math.max(new Date(this.now.getTime() + BEIJING).getUTCHours() + 3, 9);
      const start = hour <= 17 ? this.beijing(0, `${hour}:00`) : this.beijing(1, '09:30');
      return { start, end: new Date(start.getTime() + 2 * HOUR), phase: 'AHEAD' };
    }
    const [start, end] = [this.beijing(when.day, when.from), this.beijing(when.day, when.to)];
    if (when.day > 0) return { start, end, phase: 'AHEAD' };
    if (end.getTime() + CHECK_IN_LATE_HOURS * HOUR + MINUTE > this.now.getTime()) throw new Error(`A past demo task must have closed by now: ${when.day} ${when.to}`);
    return { start, end, phase: 'DONE' };
  }

  /** `hhmm` Beijing time on the Beijing day `days` after today's (or `from`'s). */
  private beijing(days: number, hhmm: string, from = this.now): Date {
    const day = new Date(from.getTime() + BEIJING + days * DAY);
    const [h, m] = hhmm.split(':').map(Number);
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m) - BEIJING);
  }

  /** The Beijing day `days` after today's, YYYY-MM-DD. */
  private beijingDay(days: number): string {
    return new Date(this.now.getTime() + BEIJING + days * DAY).toISOString().slice(0, 10);
  }

  private volunteer(n: DemoVolunteer): Promise<Actor> {
    return this.actor(DEMO_VOLUNTEER_EMAILS[n - 1], DEMO_ORGS.volunteers);
  }

  /** The demo user as a signed-in request would carry them, acting for the organisation given. */
  private async actor(email: string, organisationId: string): Promise<Actor> {
    const key = `${email} ${organisationId}`;
    const known = this.actors.get(key);
    if (known) return known;
    const rows: { user_id: string; id: string; organisation_id: string; role: Role }[] = await this.db.query(
      `SELECT u.id AS user_id, m.id, m.organisation_id, m.role FROM users u JOIN memberships m ON m.user_id = u.id AND m.status = 'ACTIVE'
        WHERE u.email = $1 AND u.status = 'ACTIVE' ORDER BY m.created_at, m.id`, [email]);
    const memberships = rows.map((r) => ({ membershipId: r.id, organisationId: r.organisation_id, role: r.role }));
    const acting = memberships.find((m) => m.organisationId === organisationId);
    if (!acting) throw forbidden('DEMO_USER_MISSING', `${email} is no longer an active member of the demo organisation ${organisationId}.`);
    const actor: Actor = { userId: rows[0].user_id, sessionId: 'seed-demo', memberships, acting, requestId: 'seed-demo' };
    this.actors.set(key, actor);
    return actor;
  }
}
