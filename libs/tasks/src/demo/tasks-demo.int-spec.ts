import { auditKey, verifyAuditChain } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { APP_CONFIG, AppConfig } from '@zhulian/core';
import { DEMO_ORGS, DEMO_USERS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { ReferralsModule, seedWorkDemo } from '@zhulian/referrals';
import { IdNumberVault, RegistryModule, seedRegistryDemo } from '@zhulian/registry';
import { SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';
import { seedTasksDemo, TasksDemoResult } from './tasks-demo';

type Claim = { status: string; waitlistPosition: number | null; hoursConfirmedAt: string | null };
type TaskNode = { id: string; title: string; status: string; startsAt: string; discloses: string[]; needsCover: boolean; person: { fullName: string | null; phone: string | null } | null; claims: Claim[] };
const TASK = 'id title status startsAt discloses needsCover person { fullName phone } claims { status waitlistPosition hoursConfirmedAt }';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Everything the tasks demo writes, as one digest per table: equal digests, nothing changed. */
const DIGEST = `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM tasks t) AS tasks,
  (SELECT md5(string_agg(c::text, '|' ORDER BY c.id)) FROM task_claims c) AS claims,
  (SELECT md5(string_agg(e::text, '|' ORDER BY e.id)) FROM task_events e) AS events,
  (SELECT md5(string_agg(h::text, '|' ORDER BY h.id)) FROM task_handovers h) AS handovers,
  (SELECT md5(string_agg(r::text, '|' ORDER BY r.task_id, r.volunteer_id)) FROM task_cover_requests r) AS cover,
  (SELECT md5(string_agg(v::text, '|' ORDER BY v.user_id)) FROM volunteer_profiles v) AS profiles`;

describe('the demo alliance’s volunteer tasks', () => {
  let app: TestApp;
  let first: TasksDemoResult;
  const as = (email: string, organisationId?: string): Promise<SignedIn> => app.signedInAs(DEMO_USERS.find((u) => u.email === email)!.id, organisationId);
  const nodes = async <T>(session: SignedIn, query: string, field: string): Promise<T[]> => {
    const res = await session.gql<Record<string, { edges: { node: T }[] }>>(query);
    expect(res.errors).toBeUndefined();
    return res.data![field].edges.map((e) => e.node);
  };

  beforeAll(async () => {
    // The referrals' module too: its rules on people are part of every application that loads its demo.
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule, TasksModule], seed: seedIdentityDemo });
    const vault = new IdNumberVault(app.app.get<AppConfig>(APP_CONFIG));
    await app.db.transaction(async (tx) => {
      await seedRegistryDemo(tx, vault);
      await seedWorkDemo(tx);
    });
    first = await seedTasksDemo(app.app);
  }, 180_000);
  afterAll(() => app.close());

  it('holds forty tasks and their claims in every state, and a second load changes nothing', async () => {
    expect(first).toEqual({ volunteerProfiles: 5, tasks: 40, claims: 38, skipped: [] });
    const count = async (sql: string) => Object.fromEntries((await app.db.query(sql) as { k: string; n: number }[]).map((r) => [r.k, r.n]));
    expect(await count(`SELECT status AS k, count(*)::int AS n FROM tasks GROUP BY status`)).toEqual({ OPEN: 33, COMPLETED: 6, CANCELLED: 1 });
    expect(await count(`SELECT status AS k, count(*)::int AS n FROM task_claims GROUP BY status`))
      .toEqual({ COMPLETED: 10, NO_SHOW: 1, HELD: 19, PENDING: 4, WAITLISTED: 2, RELEASED: 1, CANCELLED: 1 });
    expect(await count(`SELECT 'confirmed' AS k, count(*)::int AS n FROM task_claims WHERE hours_confirmed_at IS NOT NULL`)).toEqual({ confirmed: 8 });
    expect(await count(`SELECT 'safeguarded' AS k, count(*)::int AS n FROM tasks WHERE involves_minor OR home_visit`)).toEqual({ safeguarded: 15 });
    expect(await count(`SELECT 'fromCases' AS k, count(*)::int AS n FROM tasks WHERE person_id IS NOT NULL AND 'contact' = ANY(discloses)`)).toEqual({ fromCases: 2 });
    // Running now: started, not ended, one volunteer checked in.
    expect(await count(`SELECT 'running' AS k, count(*)::int AS n FROM tasks t WHERE t.status = 'OPEN' AND t.starts_at <= now() AND t.ends_at > now()
      AND EXISTS (SELECT 1 FROM task_claims c WHERE c.task_id = t.id AND c.checked_in_at IS NOT NULL AND c.checked_out_at IS NULL)`)).toEqual({ running: 1 });
    // Two volunteers said where they checked in (one also where they checked out).
    expect(await count(`SELECT 'placed' AS k, count(*)::int AS n FROM task_claims WHERE checked_in_place IS NOT NULL`)).toEqual({ placed: 2 });
    // Every open task is ahead (or running), spread over the coming two weeks; every done one is closed.
    const [span] = await app.db.query(`SELECT min(starts_at) > now() - interval '2 hours' AS ahead, max(starts_at) < now() + interval '14 days' AS within,
      count(DISTINCT (starts_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS days FROM tasks WHERE status = 'OPEN'`);
    expect(span).toEqual({ ahead: true, within: true, days: expect.any(Number) });
    expect(span.days).toBeGreaterThanOrEqual(12);
    expect(await app.db.query(`SELECT from_organisation_id, to_organisation_id, status FROM task_handovers`))
      .toEqual([{ from_organisation_id: DEMO_ORGS.elderlyNgo, to_organisation_id: DEMO_ORGS.charity, status: 'REQUESTED' }]);

    // Told through the services: each step is in the audit trail, whose chain holds.
    await app.auditLinked();
    const [changes] = await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = 'seed-demo' AND action = 'CHANGE'`);
    expect(changes.n).toBeGreaterThan(100);
    expect(await verifyAuditChain(app.db, auditKey(app.app.get<AppConfig>(APP_CONFIG)))).toMatchObject({ intact: true });

    const before = await app.db.query(DIGEST);
    expect(await seedTasksDemo(app.app)).toEqual({ volunteerProfiles: 0, tasks: 0, claims: 0, skipped: [] });
    expect(await app.db.query(DIGEST)).toEqual(before);
  });

  it('opens volunteer@ to a held task whose person it discloses, a place in line, a claim awaiting approval, and confirmed hours', async () => {
    const volunteer = await app.login('volunteer@zhulian.demo');
    const claims = await nodes<Claim & { task: TaskNode }>(volunteer, `{ myClaims(first: 50) { edges { node { status waitlistPosition hoursConfirmedAt task { ${TASK} } } } } }`, 'myClaims');
    const held = claims.filter((c) => c.status === 'HELD');
    expect(held).toHaveLength(1);
    expect(held[0].task.title).toBe('上门陪伴独居老人并协助购药');
    expect(new Date(held[0].task.startsAt).getTime() - Date.now()).toBeLessThan(36 * 3600_000);
    expect(held[0].task.person).toEqual({ fullName: expect.any(String), phone: expect.stringMatching(/^1\d{2}(\*{4}|\d{4})\d{4}$/) });
    expect(claims.filter((c) => c.status === 'WAITLISTED').map((c) => [c.task.title, c.waitlistPosition])).toEqual([['为独居老人送午餐（北三里社区）', 1]]);
    expect(claims.filter((c) => c.status === 'PENDING').map((c) => c.task.title)).toEqual(['亲子绘本阅读活动']);
    expect(claims.filter((c) => c.status === 'COMPLETED').every((c) => c.task.status === 'COMPLETED' && c.task.person === null)).toBe(true);
    const hours = await volunteer.gql<{ myHours: unknown; myHoursStatement: { confirmedMinutes: number; csv: string } }>(
      `{ myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted } myHoursStatement { confirmedMinutes csv } }`);
    expect(hours.data!.myHours).toEqual({ confirmedMinutes: 480, awaitingConfirmationMinutes: 180, tasksCompleted: 4 });
    expect(hours.data!.myHoursStatement.confirmedMinutes).toBe(480);
    expect(hours.data!.myHoursStatement.csv).toContain('孙浩');
    const board = await nodes<TaskNode>(volunteer, `{ taskBoard(first: 100) { edges { node { ${TASK} } } } }`, 'taskBoard');
    expect(board.length).toBeGreaterThan(10);
    const asked = await nodes<TaskNode>(volunteer, `{ taskBoard(first: 10, filter: { askedMe: true }) { edges { node { ${TASK} } } } }`, 'taskBoard');
    expect(asked.map((t) => [t.title, t.needsCover])).toEqual([['陪同老人到银行办理业务', true]]);
  });

  it('keeps a safeguarded task from a volunteer whose group has not checked them, or whose background check lapsed', async () => {
    const claimOnBoard = async (email: string, title: string) => {
      const session = await as(email);
      const board = await nodes<TaskNode>(session, `{ taskBoard(first: 100) { edges { node { ${TASK} } } } }`, 'taskBoard');
      const task = board.find((t) => t.title === title);
      expect(task).toBeDefined();
      return session.gql(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id } }`, { input: { taskId: task!.id } });
    };
    expect((await claimOnBoard('volunteer3@zhulian.demo', '为独居老人检修家用电器')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_VERIFIED_FOR_TASK' });
    expect((await claimOnBoard('volunteer4@zhulian.demo', '协助护理员为失能老人翻身擦浴')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_VERIFIED_FOR_TASK' });

    const coordinator = await app.login('volunteers@zhulian.demo');
    type Profile = { displayName: string; identityCheckedAt: string | null; backgroundCheckValidUntil: string | null; skills: string[] };
    const group = await nodes<Profile>(coordinator, `{ groupVolunteers(first: 20) { edges { node { displayName identityCheckedAt backgroundCheckValidUntil skills } } } }`, 'groupVolunteers');
    const checks = Object.fromEntries(group.map((p) => [p.displayName, [p.identityCheckedAt !== null, p.backgroundCheckValidUntil === null ? null : p.backgroundCheckValidUntil >= today()]]));
    expect(checks).toEqual({ 孙浩: [true, true], 周婷: [true, true], 吴强: [false, null], 郑丽: [true, false], 冯磊: [true, true] });
  });

  it('gives the organisations’ staff their work: claims to approve, hours to confirm, a task to find cover for, a hand-over to answer', async () => {
    const ngo = await as('ngo@zhulian.demo');
    const elderly = await nodes<TaskNode>(ngo, `{ organisationTasks(first: 100) { edges { node { ${TASK} } } } }`, 'organisationTasks');
    expect(new Set(elderly.map((t) => t.status))).toEqual(new Set(['OPEN', 'COMPLETED', 'CANCELLED']));
    expect(elderly.find((t) => t.claims.some((c) => c.status === 'PENDING'))?.title).toBe('陪伴独居老人聊天读报');
    expect(elderly.filter((t) => t.needsCover).map((t) => t.title)).toEqual(['陪同老人到银行办理业务']);
    expect(elderly.find((t) => t.claims.some((c) => c.status === 'NO_SHOW'))?.status).toBe('COMPLETED');
    const incoming = await nodes<{ status: string; toOrganisationName: string; task: { title: string } }>(ngo,
      `{ taskHandovers(first: 10, direction: INCOMING) { edges { node { status toOrganisationName task { title } } } } }`, 'taskHandovers');
    expect(incoming).toEqual([{ status: 'REQUESTED', toOrganisationName: '北京市朝阳区慈善协会', task: { title: '社区困难老人冬季物资搬运发放' } }]);
    const charity = await as('charity@zhulian.demo');
    expect(await nodes(charity, `{ taskHandovers(first: 10, direction: OUTGOING) { edges { node { status } } } }`, 'taskHandovers')).toEqual([{ status: 'REQUESTED' }]);

    const family = await nodes<TaskNode>(await as('ngo2@zhulian.demo'), `{ organisationTasks(first: 100) { edges { node { ${TASK} } } } }`, 'organisationTasks');
    expect(family.flatMap((t) => t.claims).filter((c) => c.status === 'COMPLETED' && c.hoursConfirmedAt === null)).toHaveLength(2);
    const jianwai = await nodes<TaskNode>(await as('caseworker@zhulian.demo'), `{ organisationTasks(first: 100) { edges { node { ${TASK} } } } }`, 'organisationTasks');
    expect(jianwai.map((t) => [t.discloses, t.person?.fullName ? 'named' : null, t.claims.map((c) => c.status)]).sort()).toEqual([
      [['basic', 'contact', 'location'], 'named', ['HELD']],
      [['basic', 'contact'], 'named', ['PENDING']],
    ]);
  });
});
