import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { auditActor, AuditTrail } from '@zhulian/access';
import { Actor, badInput, conflict, regionAndAncestors, requireRole } from '@zhulian/core';
import { activeMemberships } from '@zhulian/identity';
import { DataSource } from 'typeorm';
import { TASK_POSTERS } from '../tasks/task.rules';
import { TaskTimeline } from '../tasks/task-timeline';
import { TaskService } from '../tasks/task.service';
import { TaskStatus } from '../tasks/task.type';
import { VolunteerService } from '../volunteers/volunteer.service';
import { AskForCoverInput, CoverCandidates } from './cover.type';

/** The most volunteers asked at once. */
const ASK_AT_MOST = 200;

/**
 * Volunteers (`v`, with their membership `m`: identity's active memberships of active users) who could take a place of task `t` now: active members of a volunteer
 * group, with a skill it asks for and an area that holds the task's region (`taskAreas`: it and the regions
 * holding it, libs/core regionAndAncestors), verified where it is safeguarded,
 * not busy then, who never claimed it (those who gave it up said they cannot come) and were not asked yet.
 */
const FITTING = `FROM volunteer_profiles v
  JOIN ${activeMemberships('m')} ON m.user_id = v.user_id AND m.organisation_id = v.organisation_id AND m.role = 'VOLUNTEER'
  JOIN tasks t ON t.id = :taskId
  WHERE (t.skills = '{}' OR v.skills && t.skills)
    AND v.area_codes && CAST(:taskAreas AS text[])
    AND (NOT (t.involves_minor OR t.home_visit)
      OR (v.identity_checked_at IS NOT NULL AND v.background_check_expires_on >= (t.ends_at AT TIME ZONE 'Asia/Shanghai')::date))
    AND NOT EXISTS (SELECT 1 FROM task_claims c WHERE c.task_id = t.id AND c.volunteer_id = v.user_id)
    AND NOT EXISTS (SELECT 1 FROM task_claims c WHERE c.volunteer_id = v.user_id AND c.status IN ('PENDING', 'HELD', 'OFFERED')
      AND c.during && tstzrange(t.starts_at, t.ends_at))
    AND NOT EXISTS (SELECT 1 FROM task_cover_requests r WHERE r.task_id = t.id AND r.volunteer_id = v.user_id)`;

/** Fitting volunteers who claimed a task of the acting organisation before: their names the profile rules let it read. */
const KNOWN = `EXISTS (SELECT 1 FROM task_claims kc JOIN tasks kt ON kt.id = kc.task_id WHERE kc.volunteer_id = v.user_id AND kt.organisation_id = :organisationId)`;

/**
 * Finding cover when a volunteer cannot come and nobody waits in line: the task's organisation sees the
 * fitting volunteers it knows by name and how many others fit, and asks them; the asked volunteers find
 * the task at the top of their board. Nothing about a volunteer the organisation may not read shows here.
 */
@Injectable()
export class CoverService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tasks: TaskService,
    private readonly volunteers: VolunteerService,
    private readonly timeline: TaskTimeline,
    private readonly audit: AuditTrail,
  ) {}

  async candidates(actor: Actor, taskId: string): Promise<CoverCandidates> {
    requireRole(actor, TASK_POSTERS, 'find cover for a task');
    const task = await this.tasks.runnable(this.db.manager, actor, taskId);
    const organisationId = actor.acting!.organisationId;
    const [known, [counts]] = await Promise.all([
      this.query<{ user_id: string }>(`SELECT v.user_id ${FITTING} AND ${KNOWN} ORDER BY m.display_name, v.user_id LIMIT 50`, { taskId: task.id, organisationId, taskAreas: regionAndAncestors(task.regionCode) }),
      this.query<{ others: number; asked: number }>(`SELECT count(*) FILTER (WHERE NOT ${KNOWN})::int AS others,
          (SELECT count(*)::int FROM task_cover_requests WHERE task_id = :taskId) AS asked ${FITTING}`, { taskId: task.id, organisationId, taskAreas: regionAndAncestors(task.regionCode) }),
    ]);
    const profiles = await this.volunteers.byIds(actor, known.map((k) => k.user_id));
    return { known: known.map((k) => profiles.get(k.user_id)).filter((p) => p !== undefined), othersCount: counts.others, askedCount: counts.asked };
  }

  async ask(actor: Actor, input: AskForCoverInput): Promise<CoverCandidates> {
    requireRole(actor, TASK_POSTERS, 'ask volunteers to cover a task');
    const organisationId = actor.acting!.organisationId;
    await this.db.transaction(async (tx) => {
      const task = await this.tasks.runnable(tx, actor, input.taskId);
      if (task.status !== TaskStatus.OPEN || task.startsAt.getTime() <= Date.now()) throw conflict('TASK_NOT_OPEN', 'This task is no longer open.');
      if (task.placesTaken >= task.slots) throw conflict('TASK_FULL', 'Every place of this task is taken: there is nothing to cover.');
      const named = input.volunteerIds !== undefined;
      if (named && input.volunteerIds!.length === 0) throw badInput('NOBODY_CHOSEN', 'Choose the volunteers to ask.', 'input.volunteerIds');
      const [sql, params] = this.expand(`INSERT INTO task_cover_requests (task_id, volunteer_id, asked_by)
        SELECT t.id, v.user_id, :asker ${FITTING} ${named ? `AND ${KNOWN} AND v.user_id = ANY(CAST(:ids AS uuid[]))` : ''}
        ORDER BY v.user_id LIMIT ${ASK_AT_MOST} RETURNING volunteer_id`, { taskId: task.id, organisationId, taskAreas: regionAndAncestors(task.regionCode), asker: actor.userId, ids: input.volunteerIds ?? [] });
      const asked: { volunteer_id: string }[] = await tx.query(sql, params);
      if (named && asked.length < input.volunteerIds!.length) {
        throw badInput('NOT_A_CANDIDATE', 'Ask only volunteers the list offers you: someone chosen no longer fits this task, or was asked already.', 'input.volunteerIds');
      }
      if (asked.length === 0) throw conflict('NOBODY_TO_ASK', 'Every fitting volunteer has been asked already.');
      await this.timeline.record(tx, actor, task.id, 'COVER_ASKED', { count: asked.length });
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Task', subjectId: task.id, fields: ['coverRequests'], details: { asked: asked.length },
      }]);
    });
    return this.candidates(actor, input.taskId);
  }

  private query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.expand(sql, params);
    return this.db.query(text, values);
  }

  /** Named parameters (`:name`) to positional ones, through the driver's own escaping. */
  private expand(sql: string, params: Record<string, unknown>): [string, unknown[]] {
    return this.db.driver.escapeQueryWithParameters(sql, params);
  }
}
