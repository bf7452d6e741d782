import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { abilityFor, assertNoPersonalData, auditActor, AuditTrail, FieldCategory, fieldsInCategories, queryUnderRules } from '@zhulian/access';
import { CaseService } from '@zhulian/cases';
import { Actor, ActorMembership, badInput, changedRows, checkRegionCode, conflict, Connection, connectionOf, createOnce, cursorScope, decodeCursor, DEFAULT_PAGE_SIZE, forbidden, newId, notFound, PageArgs, paginateById, regionLikePattern, requireRole, Role } from '@zhulian/core';
import { ReferralReads, ReferralStatus } from '@zhulian/referrals';
import { Person, PersonService } from '@zhulian/registry';
import { DataSource, EntityManager } from 'typeorm';
import { SkillService } from '../skills/skill.service';
import { TASK_COLUMNS, TASK_POSTERS } from './task.rules';
import { TASK_STORE, TASKS_FROM } from './task.store';
import { TaskTimeline } from './task-timeline';
import { CancelTaskInput, PostTaskInput, Task, TaskBoardFilter, TaskStatus } from './task.type';
import { TaskEvents } from './task-events';

/** Referrals whose receiver works for their person: it may post tasks for them. */
const WORKING_REFERRAL: readonly ReferralStatus[] = [ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS];

/** The longest a single task may last. */
const MAX_TASK_HOURS = 24;

/**
 * Tasks: posted by an organisation (optionally for a case's person, disclosing some of their data to the
 * volunteers who hold it, never more than the poster may read), listed to it, shown on the volunteers'
 * board — open, ahead, fitting the volunteer's skills, areas and free times, filtered and paged in SQL.
 */
@Injectable()
export class TaskService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly cases: CaseService,
    private readonly referrals: ReferralReads,
    private readonly people: PersonService,
    private readonly timeline: TaskTimeline,
    private readonly audit: AuditTrail,
    private readonly events: TaskEvents,
  ) {}

  async get(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Task> {
    const [task] = await this.select(tx, actor, 'AND t.id = :id', { id }, 'LIMIT 1');
    if (!task) throw notFound('TASK_NOT_FOUND', 'No such task, or not one you may see.');
    return task;
  }

  /** The acting organisation's tasks, newest first. */
  ofMyOrganisation(actor: Actor, args: PageArgs & { status?: TaskStatus[]; today?: boolean; awaitingDecision?: boolean }): Promise<Connection<Task>> {
    requireRole(actor, TASK_POSTERS, 'see your organisation’s tasks');
    const parts = ['AND t.organisation_id = :actingOrganisation'];
    if (args.status?.length) parts.push('AND t.status = ANY(:status)');
    // Today in Beijing: from its midnight to the next, whatever the server's own time zone.
    if (args.today) {
      parts.push(`AND t.ends_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
        AND t.starts_at < ((date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') + interval '1 day') AT TIME ZONE 'Asia/Shanghai')`);
    }
    if (args.awaitingDecision) parts.push(`AND EXISTS (SELECT 1 FROM task_claims c WHERE c.task_id = t.id AND c.status = 'PENDING')`);
    return paginateById(args, (after, limit) => this.select(this.db.manager, actor, `${parts.join(' ')} ${after ? 'AND t.id < :after' : ''}`,
      { after, status: args.status }, `ORDER BY t.id DESC LIMIT ${Number(limit)}`), cursorScope(actor, 'organisation-tasks'));
  }

  /** Other organisations' open tasks ahead, newest first: what an organisation may offer to take over. */
  ofOtherOrganisations(actor: Actor, args: PageArgs): Promise<Connection<Task>> {
    requireRole(actor, TASK_POSTERS, 'see other organisations’ tasks');
    return paginateById(args, (after, limit) => this.select(this.db.manager, actor,
      `AND t.organisation_id <> :actingOrganisation AND t.status = 'OPEN' AND t.starts_at > now() ${after ? 'AND t.id < :after' : ''}`,
      { after }, `ORDER BY t.id DESC LIMIT ${Number(limit)}`), cursorScope(actor, 'alliance-tasks'));
  }

  /**
   * The open tasks ahead that fit the volunteer (their skills, areas and, if asked, free times), soonest first.
   * A volunteer without a profile is told to make one.
   */
  async board(actor: Actor, args: PageArgs & { filter?: TaskBoardFilter }): Promise<Connection<Task>> {
    requireRole(actor, [Role.VOLUNTEER], 'see the volunteers’ task board');
    const [profile]: { skills: string[]; area_codes: string[]; availability: unknown }[] = await this.db.query(
      `SELECT skills, area_codes, availability FROM volunteer_profiles WHERE user_id = $1`, [actor.userId]);
    if (!profile) throw conflict('PROFILE_REQUIRED', 'Tell us your skills and the areas you serve first (your volunteer profile).');
    const f = { fitsMySkills: true, nearMe: true, whenIAmFree: false, thisWeek: false, askedMe: false, ...args.filter };
    const parts = [`AND t.status = 'OPEN' AND t.starts_at > now()`];
    if (f.fitsMySkills) parts.push(`AND (t.skills = '{}' OR t.skills && CAST(:skills AS text[]))`);
    // An area covers the regions under it (libs/core regionLikePattern: 110100 covers 110105, 110105 its streets).
    if (f.nearMe) parts.push(`AND t.region_code LIKE ANY (CAST(:areaPrefixes AS text[]))`);
    if (f.whenIAmFree) {
      parts.push(`AND EXISTS (SELECT 1 FROM jsonb_array_elements(CAST(:availability AS jsonb)) slot
        WHERE (slot->>'day')::int = extract(isodow FROM t.starts_at AT TIME ZONE 'Asia/Shanghai')
          AND (t.starts_at AT TIME ZONE 'Asia/Shanghai')::date = (t.ends_at AT TIME ZONE 'Asia/Shanghai')::date
          AND (t.starts_at AT TIME ZONE 'Asia/Shanghai')::time >= (slot->>'from')::time AND (t.ends_at AT TIME ZONE 'Asia/Shanghai')::time <= (slot->>'to')::time)`);
    }
    if (f.thisWeek) parts.push(`AND t.starts_at < now() + interval '7 days'`);
    if (f.askedMe) parts.push(`AND ${TASK_COLUMNS.coverAskedOfMe} AND NOT ${TASK_COLUMNS.claimedByMe}`);
    const scope = cursorScope(actor, 'task-board');
    const after = args.after !== undefined && args.after !== null ? decodeCursor(args.after, 2, scope) : null;
    if (after) parts.push(`AND (t.starts_at, t.id) > (CAST(:afterStart AS timestamptz), CAST(:afterId AS uuid))`);
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const rows = await this.select(this.db.manager, actor, parts.join(' '), {
      skills: profile.skills, areaPrefixes: profile.area_codes.map(regionLikePattern), availability: JSON.stringify(profile.availability),
      afterStart: after?.[0] ?? null, afterId: after?.[1] ?? null,
    }, `ORDER BY t.starts_at, t.id LIMIT ${Number(first) + 1}`);
    return connectionOf(rows.slice(0, first), (node) => node, (node) => [node.startsAt.toISOString(), node.id], scope, { hasNextPage: rows.length > first, hasPreviousPage: after !== null });
  }

  async post(actor: Actor, input: PostTaskInput): Promise<Task> {
    const acting = requireRole(actor, TASK_POSTERS, 'post tasks');
    return createOnce(input.idempotencyKey, 'tasks_idempotency_key', () => this.byIdempotencyKey(actor, input.idempotencyKey!), () => this.insert(actor, acting, input));
  }

  private async byIdempotencyKey(actor: Actor, key: string): Promise<Task | null> {
    const [row]: { id: string }[] = await this.db.query(`SELECT id FROM tasks WHERE posted_by = $1 AND idempotency_key = $2`, [actor.userId, key]);
    return row ? this.get(actor, row.id) : null;
  }

  private async insert(actor: Actor, acting: ActorMembership, input: PostTaskInput): Promise<Task> {
    const skills = await this.skills.check(input.skills, 'input.skills');
    checkTaskPlace(input.regionCode);
    checkTaskWindow(input.startsAt, input.endsAt);
    // Whatever else it discloses, a task discloses who: the basics come with any disclosure.
    const discloses = input.discloses?.length ? [...new Set(['basic', ...input.discloses])].sort() : [];
    if (input.caseId && input.referralId) throw badInput('ONE_SOURCE', 'A task serves the person of one case or of one referral, not both.', 'input.referralId');
    let person: Person | null = null;
    if (input.caseId) {
      const found = await this.cases.get(actor, input.caseId);
      if (!abilityFor(actor).can('work', subject('Case', found))) throw forbidden('CASE_CHANGE_NOT_ALLOWED', 'Only the case’s coordinators and assigned caseworkers post tasks from it.');
      person = await this.people.get(actor, found.personId);
    } else if (input.referralId) {
      const referral = await this.referrals.get(actor, input.referralId);
      if (referral.receiverOrganisationId !== acting.organisationId) {
        throw forbidden('REFERRAL_NOT_RECEIVED', 'Only the organisation that accepted the referral posts tasks for its person.');
      }
      if (!WORKING_REFERRAL.includes(referral.status!)) {
        throw conflict('REFERRAL_NOT_ACCEPTED', 'Tasks are posted from a referral your organisation has accepted and is working on.', 'input.referralId');
      }
      person = await this.people.get(actor, referral.personId);
    } else if (discloses.length > 0) {
      throw badInput('CASE_REQUIRED', 'Choose the case or the accepted referral whose person the task serves before disclosing anything of them.', 'input.caseId');
    }
    if (person) {
      // A task discloses to volunteers only what its poster may read of the person (for a referral: what its person consented to share).
      const ability = abilityFor(actor);
      const beyond = disclosedFields(discloses).filter((field) => !ability.can('read', subject('Person', person), field));
      if (beyond.length > 0) throw forbidden('DISCLOSURE_BEYOND_YOUR_VIEW', 'A task may disclose only what you may read of the person yourself.');
    }
    // The title and description are read by every volunteer on the board: nobody's data in them.
    const names = person ? await this.people.namesToKeepOut(actor, person.id) : [];
    assertNoPersonalData(input.title, { field: 'input.title', names });
    assertNoPersonalData(input.description, { field: 'input.description', names });
    const id = newId();
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO tasks (id, organisation_id, posted_by, title, description, skills, region_code, starts_at, ends_at, slots, needs_approval, involves_minor,
           home_visit, case_id, referral_id, person_id, discloses, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [id, acting.organisationId, actor.userId, input.title, input.description ?? null, skills, input.regionCode, input.startsAt, input.endsAt, input.slots,
          input.needsApproval, input.involvesMinor, input.homeVisit, input.caseId ?? null, input.referralId ?? null, person?.id ?? null, discloses,
          input.idempotencyKey ?? null]);
      await this.timeline.record(tx, actor, id, 'POSTED');
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Task', subjectId: id, grounds: { role: acting.role }, fields: ['title', 'slots', 'startsAt', 'endsAt'],
        details: { case: input.caseId ?? null, referral: input.referralId ?? null, discloses: discloses.join(',') },
      }]);
      return this.get(actor, id, tx);
    });
  }

  /** Cancels an open task; every claim on it ends, and its volunteers read why. */
  async cancel(actor: Actor, input: CancelTaskInput): Promise<Task> {
    requireRole(actor, TASK_POSTERS, 'cancel tasks');
    assertNoPersonalData(input.reason, { field: 'input.reason' });
    return this.db.transaction(async (tx) => {
      const task = await this.runnable(tx, actor, input.taskId);
      if (task.status !== TaskStatus.OPEN) throw conflict('TASK_NOT_OPEN', 'This task is no longer open.');
      await tx.query(`UPDATE tasks SET status = 'CANCELLED', cancelled_reason = $2, held = 0, version = version + 1, updated_at = now() WHERE id = $1`,
        [task.id, input.reason]);
      const ended = await changedRows<{ id: string; volunteer_id: string }>(tx,
        `UPDATE task_claims SET status = 'CANCELLED', reason = $2, version = version + 1, updated_at = now()
          WHERE task_id = $1 AND status IN ('PENDING', 'HELD', 'WAITLISTED', 'OFFERED') RETURNING id, volunteer_id`, [task.id, input.reason]);
      await this.timeline.record(tx, actor, task.id, 'CANCELLED', { reason: input.reason, claims: ended.length });
      await this.events.cancelled(tx, actor, task.id, ended.map((c) => c.volunteer_id));
      await this.audit.record(tx, auditActor(actor), [{
        action: 'CHANGE', subjectType: 'Task', subjectId: task.id, fields: ['status'], details: { to: 'CANCELLED', claimsEnded: ended.length },
      }]);
      return this.get(actor, task.id, tx);
    });
  }

  /** The task, locked, if the actor's organisation runs it; NOT_FOUND when it is not visible, FORBIDDEN when it is not theirs. */
  async runnable(tx: EntityManager, actor: Actor, taskId: string): Promise<Task> {
    const task = await this.get(actor, taskId, tx);
    if (!abilityFor(actor).can('run', subject('Task', task))) throw forbidden('NOT_YOUR_TASK', 'Only the organisation that posted the task manages it.');
    await tx.query(`SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
    return task;
  }

  /** The people the given tasks serve, each under the person rules (a volunteer's come from the disclosure rules): one statement. */
  async peopleOf(actor: Actor, personIds: readonly string[]): Promise<Map<string, Person>> {
    const people = await this.people.select(this.db.manager, actor, 'AND p.id = ANY(:ids)', { ids: [...personIds] }, '');
    return new Map(people.map((p) => [p.id, p]));
  }

  async byIds(actor: Actor, ids: readonly string[]): Promise<Map<string, Task>> {
    const rows = await this.select(this.db.manager, actor, 'AND t.id = ANY(:ids)', { ids: [...ids] }, '');
    return new Map(rows.map((t) => [t.id, t]));
  }

  private async select(tx: EntityManager, actor: Actor, where: string, params: Record<string, unknown>, tail: string): Promise<Task[]> {
    const rows = await queryUnderRules<object>(tx, actor, { subjectType: 'Task', columns: TASK_COLUMNS, select: TASK_STORE.select, from: TASKS_FROM, where, params, tail });
    return rows.map(TASK_STORE.toModel);
  }
}

export function checkTaskPlace(regionCode: string): void {
  if (!checkRegionCode(regionCode).ok) throw badInput('REGION_CODE_UNKNOWN', 'This region code does not exist. Use a district code such as 110105 or a street code such as 110105001.', 'input.regionCode');
}

/** A task starts in the future, ends after it starts, and lasts at most a day. */
export function checkTaskWindow(startsAt: Date, endsAt: Date): void {
  if (startsAt.getTime() <= Date.now()) throw badInput('STARTS_IN_THE_PAST', 'A task starts in the future.', 'input.startsAt');
  if (endsAt.getTime() <= startsAt.getTime()) throw badInput('ENDS_BEFORE_IT_STARTS', 'The task must end after it starts.', 'input.endsAt');
  if (endsAt.getTime() - startsAt.getTime() > MAX_TASK_HOURS * 3600_000) {
    throw badInput('TASK_TOO_LONG', `A task lasts at most ${MAX_TASK_HOURS} hours: post a recurring need as several tasks.`, 'input.endsAt');
  }
}

/** The person's fields a task's disclosure names: the basics, the phone (contact), the address (location). */
export function disclosedFields(discloses: readonly string[]): string[] {
  return [
    ...(discloses.includes('basic') ? fieldsInCategories(Person, ['basic'] as FieldCategory[]).filter((f) => f !== 'household') : []),
    ...(discloses.includes('contact') ? ['phone'] : []),
    ...(discloses.includes('location') ? ['address'] : []),
  ];
}
