import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeUser, makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id title regionCode discloses } }`;
const BOARD = `query($filter: TaskBoardFilter, $first: Int, $after: String) {
  taskBoard(filter: $filter, first: $first, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } }
}`;
const SAVE = `mutation($input: VolunteerProfileInput!) { saveMyVolunteerProfile(input: $input) { skills areaCodes availability { day from to } identityCheckedAt } }`;

/** Beijing time, `days` from today at `hour`:00, as an ISO instant. */
const beijing = (days: number, hour: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(new Date(`${today}T${String(hour).padStart(2, '0')}:00:00+08:00`).getTime() + days * 86_400_000).toISOString();
};

/** The ISO weekday (1 = Monday) in Beijing of `days` from today. */
const weekdayIn = (days: number) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
  .indexOf(new Date(beijing(days, 12)).toLocaleDateString('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' })) + 1;

/** The volunteers' board: tasks that fit, in SQL; profiles their groups keep; tasks posted with nothing personal on them. */
describe('the task board and volunteers’ profiles', () => {
  let app: TestApp;
  let staff: SignedIn;
  let volunteer: SignedIn;
  const titles = async (session: SignedIn, filter: Record<string, unknown> = {}) =>
    (await session.gql<{ taskBoard: { edges: { node: { title: string } }[] } }>(BOARD, { filter, first: 100 })).data!.taskBoard.edges.map((e) => e.node.title);
  const post = async (input: Record<string, unknown>) => {
    const res = await staff.gql<{ postTask: { id: string } }>(POST, { input: { skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 1,
      startsAt: beijing(2, 9), endsAt: beijing(2, 11), ...input } });
    expect(res.errors).toBeUndefined();
    return res.data!.postTask.id;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    staff = await app.login('ngo@zhulian.demo');
    const user = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.volunteers, role: Role.VOLUNTEER }] });
    volunteer = await app.signedInAs(user.id, DEMO_ORGS.volunteers);
  });
  afterAll(() => app.close());

  it('asks a volunteer for a profile first, and checks what it says', async () => {
    expect((await volunteer.gql(BOARD)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROFILE_REQUIRED' });
    const bad: [Record<string, unknown>, string][] = [
      [{ skills: ['FLYING'] }, 'UNKNOWN_SKILL'],
      [{ areaCodes: ['999999'] }, 'REGION_CODE_UNKNOWN'],
      [{ availability: [{ day: 1, from: '12:00', to: '09:00' }] }, 'AVAILABILITY_ENDS_BEFORE_IT_STARTS'],
      [{ idNumber: '110105194807150020' }, 'ID_NUMBER_CHECK_DIGIT'],
    ];
    // Free on the weekday two days from now, in the daytime.
    const good = { skills: ['COMPANIONSHIP', 'MEAL_DELIVERY'], areaCodes: ['110105'], availability: [{ day: weekdayIn(2), from: '08:00', to: '18:00' }] };
    for (const [change, reason] of bad) {
      expect((await volunteer.gql(SAVE, { input: { ...good, ...change } })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    const saved = await volunteer.gql<{ saveMyVolunteerProfile: Record<string, unknown> }>(SAVE, { input: { ...good, idNumber: '110105194807150028' } });
    expect(saved.data!.saveMyVolunteerProfile).toMatchObject({ skills: ['COMPANIONSHIP', 'MEAL_DELIVERY'], areaCodes: ['110105'], identityCheckedAt: null });
  });

  it('shows the open tasks ahead that fit the volunteer’s skills and areas, soonest first, paged, with nothing personal', async () => {
    await post({ title: '陪伴独居老人', startsAt: beijing(2, 9), endsAt: beijing(2, 11) });
    await post({ title: '送午餐', skills: ['MEAL_DELIVERY'], startsAt: beijing(1, 11), endsAt: beijing(1, 12) });
    await post({ title: '数学辅导', skills: ['TUTORING'] });
    await post({ title: '海淀区探访', regionCode: '110108' });
    await post({ title: '下月探访', startsAt: beijing(20, 9), endsAt: beijing(20, 10) });
    const cancelled = await post({ title: '已取消的探访' });
    await staff.gql(`mutation($input: CancelTaskInput!) { cancelTask(input: $input) { id } }`, { input: { taskId: cancelled, reason: '老人已入住养老院' } });
    expect(await titles(volunteer)).toEqual(['送午餐', '陪伴独居老人', '下月探访']);
    expect(await titles(volunteer, { thisWeek: true })).toEqual(['送午餐', '陪伴独居老人']);
    expect(await titles(volunteer, { whenIAmFree: true })).toEqual(['陪伴独居老人']);
    expect(await titles(volunteer, { fitsMySkills: false, nearMe: false })).toEqual(expect.arrayContaining(['数学辅导', '海淀区探访']));
    const first = await volunteer.gql<{ taskBoard: { edges: { node: { title: string } }[]; pageInfo: { endCursor: string } } }>(BOARD, { first: 1 });
    const second = await volunteer.gql<{ taskBoard: { edges: { node: { title: string } }[] } }>(BOARD, { first: 1, after: first.data!.taskBoard.pageInfo.endCursor });
    expect([first.data!.taskBoard.edges[0].node.title, second.data!.taskBoard.edges[0].node.title]).toEqual(['送午餐', '陪伴独居老人']);
    expect((await volunteer.gql(BOARD, { after: 'forged' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('refuses a task whose title or description names the person, or that starts in the past, or discloses without a case', async () => {
    const refused: [Record<string, unknown>, string, string][] = [
      [{ title: '探访 13812345678 的老人' }, 'input.title', 'PERSONAL_DATA_IN_TEXT'],
      [{ title: '探访', description: '身份证 110105194807150028' }, 'input.description', 'PERSONAL_DATA_IN_TEXT'],
      [{ title: '探访', startsAt: beijing(-1, 9), endsAt: beijing(-1, 10) }, 'input.startsAt', 'STARTS_IN_THE_PAST'],
      [{ title: '探访', discloses: ['contact'] }, 'input.caseId', 'CASE_REQUIRED'],
      [{ title: '探访', endsAt: beijing(5, 9) }, 'input.endsAt', 'TASK_TOO_LONG'],
    ];
    for (const [input, field, reason] of refused) {
      const res = await staff.gql(POST, { input: { skills: [], regionCode: '110105', slots: 1, startsAt: beijing(2, 9), endsAt: beijing(2, 11), ...input } });
      expect([reason, res.errors?.[0].extensions]).toEqual([reason, expect.objectContaining({ code: 'BAD_USER_INPUT', field, reason })]);
    }
    expect((await volunteer.gql(POST, { input: { title: '自己发任务', skills: [], regionCode: '110105', slots: 1, startsAt: beijing(2, 9), endsAt: beijing(2, 10) } }))
      .errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('lets the volunteer group’s coordinator read and check its volunteers, and keeps the ID number from everyone else', async () => {
    const coordinator = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.volunteers, role: Role.COORDINATOR }] });
    const keeper = await app.signedInAs(coordinator.id, DEMO_ORGS.volunteers);
    const LIST = `{ groupVolunteers(first: 50) { edges { node { userId displayName phone idNumber identityCheckedAt backgroundCheckValidUntil } } } }`;
    const listed = await keeper.gql<{ groupVolunteers: { edges: { node: { userId: string; idNumber: string | null } }[] } }>(LIST);
    expect(listed.data!.groupVolunteers.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ userId: volunteer.userId, idNumber: '110105194807150028' }));
    const VERIFY = `mutation($input: VerifyVolunteerInput!) { verifyVolunteer(input: $input) { identityCheckedAt backgroundCheckValidUntil } }`;
    const checked = await keeper.gql<{ verifyVolunteer: { identityCheckedAt: string; backgroundCheckValidUntil: string } }>(VERIFY,
      { input: { userId: volunteer.userId, identityChecked: true, backgroundCheckValidUntil: '2030-12-31' } });
    expect(checked.errors).toBeUndefined();
    expect(checked.data!.verifyVolunteer).toMatchObject({ identityCheckedAt: expect.any(String), backgroundCheckValidUntil: '2030-12-31' });
    // Another group's coordinator, and a volunteer, may not check anyone here.
    const otherGroup = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.elderlyNgo, role: Role.COORDINATOR }] });
    const stranger = await app.signedInAs(otherGroup.id, DEMO_ORGS.elderlyNgo);
    expect((await stranger.gql(VERIFY, { input: { userId: volunteer.userId, identityChecked: true } })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await volunteer.gql(VERIFY, { input: { userId: volunteer.userId, identityChecked: true } })).errors![0].extensions.code).toBe('FORBIDDEN');
    // The volunteer reads their own ID number; the task's organisation, once they hold its task, the phone — never the ID number.
    const own = await volunteer.gql<{ myVolunteerProfile: { idNumber: string } }>(`{ myVolunteerProfile { idNumber } }`);
    expect(own.data!.myVolunteerProfile.idNumber).toBe('110105194807150028');
    const taskId = await post({ title: '周末送餐', skills: ['MEAL_DELIVERY'], startsAt: beijing(3, 11), endsAt: beijing(3, 12) });
    await volunteer.gql(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id } }`, { input: { taskId } });
    const seen = await staff.gql<{ task: { claims: { volunteer: { phone: string | null; idNumber: string | null } }[] } }>(
      `query($id: ID!) { task(id: $id) { claims { volunteer { phone idNumber } } } }`, { id: taskId });
    expect(seen.data!.task.claims[0].volunteer).toEqual({ phone: '13912345678', idNumber: null });
    // A volunteer made by the factory is a volunteer of the same group: they see each other's nothing.
    const peer = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers });
    const peerSession = await app.signedInAs(peer.id, DEMO_ORGS.volunteers);
    expect((await peerSession.gql(LIST)).errors![0].extensions.code).toBe('FORBIDDEN');
  });
  it('gives an organisation its worklist of tasks: those taking place today, and those with claims to approve', async () => {
    // Today in Beijing: one under way (posted ahead, now started), one starting in a minute; tomorrow's is not today's.
    const underWay = await post({ title: '今日·进行中', startsAt: new Date(Date.now() + 60_000).toISOString(), endsAt: new Date(Date.now() + 30 * 60_000).toISOString() });
    await app.db.query(`UPDATE tasks SET starts_at = now() - interval '10 minutes' WHERE id = $1`, [underWay]);
    const laterToday = await post({ title: '今日·稍后', startsAt: new Date(Date.now() + 60_000).toISOString(), endsAt: new Date(Date.now() + 2 * 60_000).toISOString() });
    const tomorrow = await post({ title: '明日', startsAt: beijing(1, 9), endsAt: beijing(1, 10) });
    const approval = await post({ title: '需审核', needsApproval: true });
    const LIST = `query($today: Boolean, $awaitingDecision: Boolean) { organisationTasks(first: 100, today: $today, awaitingDecision: $awaitingDecision) { edges { node { id } } } }`;
    const ids = async (session: SignedIn, variables: Record<string, unknown>) =>
      (await session.gql<{ organisationTasks: { edges: { node: { id: string } }[] } }>(LIST, variables)).data!.organisationTasks.edges.map((e) => e.node.id);
    const today = await ids(staff, { today: true });
    expect(today).toEqual(expect.arrayContaining([underWay, laterToday]));
    expect(today).not.toContain(tomorrow);
    expect(await ids(staff, { awaitingDecision: true })).not.toContain(approval);
    const claim = await volunteer.gql(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { status } }`, { input: { taskId: approval } });
    expect(claim.data).toEqual({ claimTask: { status: 'PENDING' } });
    expect(await ids(staff, { awaitingDecision: true })).toEqual([approval]);
    // Another organisation's staff see none of it.
    const other = await app.login('ngo2@zhulian.demo');
    expect(await ids(other, { awaitingDecision: true })).toEqual([]);
  });
});
