import { CasesModule } from '@zhulian/cases';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id version } }`;
const EDIT = `mutation($input: EditTaskInput!) { editTask(input: $input) { id title description slots placesTaken waitlistLength startsAt endsAt homeVisit version } }`;
const CLAIM = `mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id status waitlistPosition } }`;
const TASK = `query($id: ID!) { task(id: $id) { id version title startsAt claims { id status waitlistPosition } timelineEvents { kind fields } } }`;

type Edited = { id: string; title: string; description: string | null; slots: number; placesTaken: number; waitlistLength: number; startsAt: string; version: number };
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** An organisation edits an open task before it starts; its volunteers keep their places. */
describe('editing a task', () => {
  let app: TestApp;
  let staff: SignedIn;
  let otherNgo: SignedIn;
  const volunteer = async (verified = true) => app.signedInAs((await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers, verified })).id, DEMO_ORGS.volunteers);
  const post = async (input: Record<string, unknown> = {}) => {
    const res = await staff.gql<{ postTask: { id: string; version: number } }>(POST, { input: {
      title: '陪老人散步', skills: ['COMPANIONSHIP'], regionCode: '110105', startsAt: hoursFromNow(48), endsAt: hoursFromNow(50), slots: 1, ...input } });
    expect(res.errors).toBeUndefined();
    return res.data!.postTask;
  };
  const edit = (session: SignedIn, input: Record<string, unknown>) => session.gql<{ editTask: Edited }>(EDIT, { input });
  const reason = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    staff = await app.login('ngo@zhulian.demo');
    otherNgo = await app.login('ngo2@zhulian.demo');
  });
  afterAll(() => app.close());

  it('changes only what is given, on the timeline; an edit from an old version is refused so nobody’s change is lost', async () => {
    const task = await post({ description: '每周一次' });
    const res = await edit(staff, { taskId: task.id, version: task.version, title: '陪老人去公园散步', description: '' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.editTask).toMatchObject({ title: '陪老人去公园散步', description: null, slots: 1, version: task.version + 1 });
    expect(reason(await edit(staff, { taskId: task.id, version: task.version, title: '又改了' }))).toMatchObject({ code: 'CONFLICT', reason: 'STALE_TASK' });
    const after = await staff.gql<{ task: { title: string; timelineEvents: { kind: string; fields: string[] | null }[] } }>(TASK, { id: task.id });
    expect(after.data!.task.title).toBe('陪老人去公园散步');
    expect(after.data!.task.timelineEvents).toEqual([{ kind: 'POSTED', fields: null }, { kind: 'EDITED', fields: ['title', 'description'] }]);
  });

  it('gives added places to the waitlist in order, and refuses fewer places than are taken', async () => {
    const task = await post({ slots: 1 });
    const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()];
    for (const v of [a, b, c]) expect((await v.gql(CLAIM, { input: { taskId: task.id } })).errors).toBeUndefined();
    const version = (await staff.gql<{ task: { version: number } }>(TASK, { id: task.id })).data!.task.version;
    const more = await edit(staff, { taskId: task.id, version, slots: 2 });
    expect(more.errors).toBeUndefined();
    expect(more.data!.editTask).toMatchObject({ slots: 2, placesTaken: 2, waitlistLength: 1 });
    const claims = (await staff.gql<{ task: { claims: { status: string; waitlistPosition: number | null }[] } }>(TASK, { id: task.id })).data!.task.claims;
    expect(claims.map((x) => x.status).sort()).toEqual(['HELD', 'OFFERED', 'WAITLISTED']);
    expect(reason(await edit(staff, { taskId: task.id, version: more.data!.editTask.version, slots: 1 }))).toMatchObject({ code: 'CONFLICT', reason: 'SLOTS_BELOW_TAKEN' });
  });

  it('moves its volunteers’ claims with a new time, unless one of them is busy then', async () => {
    const task = await post();
    const other = await post({ title: '送午餐', startsAt: hoursFromNow(72), endsAt: hoursFromNow(73) });
    const v = await volunteer();
    expect((await v.gql(CLAIM, { input: { taskId: task.id } })).errors).toBeUndefined();
    expect((await v.gql(CLAIM, { input: { taskId: other.id } })).errors).toBeUndefined();
    const version = (await staff.gql<{ task: { version: number } }>(TASK, { id: task.id })).data!.task.version;
    // Onto the volunteer's other task: refused, nothing moves.
    expect(reason(await edit(staff, { taskId: task.id, version, startsAt: hoursFromNow(71.5), endsAt: hoursFromNow(72.5) })))
      .toMatchObject({ code: 'CONFLICT', reason: 'CLAIMANT_BUSY_THEN' });
    const moved = await edit(staff, { taskId: task.id, version, startsAt: hoursFromNow(96), endsAt: hoursFromNow(98) });
    expect(moved.errors).toBeUndefined();
    const [during] = await app.db.query(`SELECT lower(during) AS starts FROM task_claims WHERE task_id = $1`, [task.id]);
    expect(new Date(during.starts).toISOString()).toBe(moved.data!.editTask.startsAt);
    expect(reason(await edit(staff, { taskId: task.id, version: moved.data!.editTask.version, startsAt: hoursFromNow(-1), endsAt: hoursFromNow(1) })))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STARTS_IN_THE_PAST' });
  });

  it('sets a safeguarding flag only when everyone on the task is verified for it', async () => {
    const task = await post({ slots: 2 });
    expect((await (await volunteer(false)).gql(CLAIM, { input: { taskId: task.id } })).errors).toBeUndefined();
    expect(reason(await edit(staff, { taskId: task.id, version: task.version + 1, homeVisit: true }))).toMatchObject({ code: 'CONFLICT', reason: 'CLAIMANTS_NOT_VERIFIED' });
  });

  it('is for the posting organisation only, on open tasks, and keeps personal data out of the text', async () => {
    const task = await post();
    expect(reason(await edit(otherNgo, { taskId: task.id, version: task.version, title: '别人的任务' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_TASK' });
    expect(reason(await edit(await volunteer(), { taskId: task.id, version: task.version, title: '我来改' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(reason(await edit(staff, { taskId: task.id, version: task.version, description: '联系电话 13800138000' })))
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERSONAL_DATA_IN_TEXT' });
    await staff.gql(`mutation($input: CancelTaskInput!) { cancelTask(input: $input) { id } }`, { input: { taskId: task.id, reason: '服务对象已搬走' } });
    expect(reason(await edit(staff, { taskId: task.id, version: task.version + 1, title: '再开' }))).toMatchObject({ code: 'CONFLICT', reason: 'TASK_NOT_OPEN' });
  });
});
