import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertNoPersonalData, auditActor, AuditTrail } from '@zhulian/access';
import { Actor, conflict, requireRole } from '@zhulian/core';
import { PersonService } from '@zhulian/registry';
import { DataSource } from 'typeorm';
import { ClaimService } from '../claims/claim.service';
import { SkillService } from '../skills/skill.service';
import { TASK_POSTERS } from './task.rules';
import { checkTaskPlace, checkTaskWindow, TaskService } from './task.service';
import { TaskTimeline } from './task-timeline';
import { EditTaskInput, Task, TaskStatus } from './task.type';

/** Claims that hold, wait for or are offered a place: they move with the task's time. */
const ACTIVE_CLAIMS = `('PENDING', 'HELD', 'WAITLISTED', 'OFFERED')`;

/**
 * Editing an open task before it starts. The volunteers on it keep their places: a new time moves their
 * claims (refused if one of them is busy then), more places go to the waitlist in order, fewer than are
 * taken are refused, and a safeguarding flag is set only if everyone on it is verified for it.
 */
@Injectable()
export class TaskEditor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tasks: TaskService,
    private readonly claims: ClaimService,
    private readonly skills: SkillService,
    private readonly people: PersonService,
    private readonly timeline: TaskTimeline,
    private readonly audit: AuditTrail,
  ) {}

  async edit(actor: Actor, input: EditTaskInput): Promise<Task> {
    requireRole(actor, TASK_POSTERS, 'edit tasks');
    const skills = input.skills ? await this.skills.check(input.skills, 'input.skills') : undefined;
    if (input.regionCode !== undefined) checkTaskPlace(input.regionCode);
    return this.db.transaction(async (tx) => {
      const task = await this.tasks.runnable(tx, actor, input.taskId);
      if (task.status !== TaskStatus.OPEN) throw conflict('TASK_NOT_OPEN', 'This task is no longer open.');
      if (task.startsAt.getTime() <= Date.now()) throw conflict('TASK_STARTED', 'This task has started: it can no longer be changed.');
      if (task.version !== input.version) throw conflict('STALE_TASK', 'Someone changed this task since you opened it: reload it and make your change again.');
      const next = {
        title: input.title ?? task.title,
        description: input.description === undefined ? task.description : input.description || null,
        skills: skills ?? task.skills,
        regionCode: input.regionCode ?? task.regionCode,
        startsAt: input.startsAt ?? task.startsAt,
        endsAt: input.endsAt ?? task.endsAt,
        slots: input.slots ?? task.slots,
        needsApproval: input.needsApproval ?? task.needsApproval,
        involvesMinor: input.involvesMinor ?? task.involvesMinor,
        homeVisit: input.homeVisit ?? task.homeVisit,
      };
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => !same(next[k], task[k]));
      if (changed.length === 0) return task;
      const moved = changed.includes('startsAt') || changed.includes('endsAt');
      if (moved) checkTaskWindow(next.startsAt, next.endsAt);
      const names = task.personId ? await this.people.namesToKeepOut(actor, task.personId, tx) : [];
      assertNoPersonalData(next.title, { field: 'input.title', names });
      assertNoPersonalData(next.description, { field: 'input.description', names });
      if (next.slots < task.placesTaken) {
        throw conflict('SLOTS_BELOW_TAKEN', `${task.placesTaken} volunteers hold or were offered a place: a task needs at least as many places.`, 'input.slots');
      }
      if ((next.involvesMinor && !task.involvesMinor) || (next.homeVisit && !task.homeVisit)) {
        const [unverified] = await tx.query(
          `SELECT 1 FROM task_claims c LEFT JOIN volunteer_profiles v ON v.user_id = c.volunteer_id
            WHERE c.task_id = $1 AND c.status IN ${ACTIVE_CLAIMS}
              AND NOT (v.identity_checked_at IS NOT NULL AND COALESCE(v.background_check_expires_on >= ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, false))
            LIMIT 1`, [task.id, next.endsAt]);
        if (unverified) {
          throw conflict('CLAIMANTS_NOT_VERIFIED', 'A volunteer on this task is not verified for work with children or in homes: post a new task with this flag instead.');
        }
      }
      await tx.query(
        `UPDATE tasks SET title = $2, description = $3, skills = $4, region_code = $5, starts_at = $6, ends_at = $7, slots = $8, needs_approval = $9,
           involves_minor = $10, home_visit = $11, version = version + 1, updated_at = now() WHERE id = $1`,
        [task.id, next.title, next.description, next.skills, next.regionCode, next.startsAt, next.endsAt, next.slots, next.needsApproval, next.involvesMinor, next.homeVisit]);
      if (moved) {
        try {
          await tx.query(`UPDATE task_claims SET during = tstzrange($2, $3), version = version + 1, updated_at = now() WHERE task_id = $1 AND status IN ${ACTIVE_CLAIMS}`,
            [task.id, next.startsAt, next.endsAt]);
        } catch (error) {
          if ((error as { driverError?: { code?: string } }).driverError?.code !== '23P01') throw error;
          throw conflict('CLAIMANT_BUSY_THEN', 'A volunteer on this task holds another task at the new time: keep the time, or ask them to give one up.', 'input.startsAt');
        }
      }
      if (next.slots > task.slots) await this.claims.fillFreePlaces(tx, actor, task.id);
      await this.timeline.record(tx, actor, task.id, 'EDITED', { fields: changed });
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Task', subjectId: task.id, fields: changed, details: { edited: changed.join(',') },
      }]);
      return this.tasks.get(actor, task.id, tx);
    });
  }
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
