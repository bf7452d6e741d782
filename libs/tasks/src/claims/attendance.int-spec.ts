import { parse } from 'csv-parse/sync';
import { CasesModule } from '@zhulian/cases';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

const CLAIM_FIELDS = 'id status checkedInAt checkedOutAt minutes hoursConfirmedAt report';
const run = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${CLAIM_FIELDS} } }`;

/** From a held place to confirmed hours: check in and out, the organisation's confirmation, absences, the statement. */
describe('check-in to confirmed hours', () => {
  let app: TestApp;
  let staff: SignedIn;
  let volunteer: SignedIn;
  const task = async (startsIn: number, hours = 2, title = '送餐服务') => {
    const res = await staff.gql<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
      title, skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 2,
      startsAt: new Date(Date.now() + 48 * 3600_000 + startsIn).toISOString(), endsAt: new Date(Date.now() + 48 * 3600_000 + startsIn + hours * 3600_000).toISOString() } });
    const id = res.data!.postTask.id;
    return id;
  };
  /** Moves a task so that it starts `startsIn` hours from now. */
  const move = (taskId: string, startsIn: number, hours = 2) => app.db.query(
    `UPDATE tasks SET starts_at = now() + make_interval(secs => $2), ends_at = now() + make_interval(secs => $3) WHERE id = $1`, [taskId, startsIn * 3600, (startsIn + hours) * 3600]);
  const claim = async (session: SignedIn, taskId: string) =>
    (await session.gql<{ claimTask: { id: string } }>(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id } }`, { input: { taskId } })).data!.claimTask.id;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    staff = await app.login('ngo@zhulian.demo');
    const user = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers, displayName: '周婷婷' });
    volunteer = await app.signedInAs(user.id, DEMO_ORGS.volunteers);
  });
  afterAll(() => app.close());

  it('checks in during the task’s window only, out after in, counts the minutes, and has them confirmed once', async () => {
    const taskId = await task(0);
    const claimId = await claim(volunteer, taskId);
    expect((await volunteer.gql(run('checkOut', 'CheckOutInput'), { input: { claimId } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CHECKED_IN' });
    expect((await volunteer.gql(run('checkIn', 'CheckInInput'), { input: { claimId } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CHECK_IN_TIME' });
    await move(taskId, -0.5);
    const inside = await volunteer.gql<{ checkIn: Record<string, unknown> }>(run('checkIn', 'CheckInInput'), { input: { claimId } });
    expect(inside.data!.checkIn).toMatchObject({ status: 'HELD', checkedInAt: expect.any(String) });
    expect((await volunteer.gql(run('checkIn', 'CheckInInput'), { input: { claimId } })).errors![0].extensions.reason).toBe('ALREADY_CHECKED_IN');
    // Ninety minutes later (moved by hand).
    await app.db.query(`UPDATE task_claims SET checked_in_at = now() - interval '90 minutes' WHERE id = $1`, [claimId]);
    const out = await volunteer.gql<{ checkOut: Record<string, unknown> }>(run('checkOut', 'CheckOutInput'), { input: { claimId, report: '陪老人聊天、读报，情绪良好' } });
    expect(out.data!.checkOut).toMatchObject({ status: 'COMPLETED', minutes: 90, report: '陪老人聊天、读报，情绪良好', hoursConfirmedAt: null });
    expect((await volunteer.gql(`{ myHours { confirmedMinutes awaitingConfirmationMinutes tasksCompleted } }`)).data)
      .toEqual({ myHours: { confirmedMinutes: 0, awaitingConfirmationMinutes: 90, tasksCompleted: 1 } });
    // The volunteer may not confirm their own hours; the organisation corrects them to 80 minutes, once.
    expect((await volunteer.gql(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId } })).errors![0].extensions.code).toBe('NOT_FOUND');
    const confirmed = await staff.gql<{ confirmHours: Record<string, unknown> }>(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId, minutes: 80 } });
    expect(confirmed.data!.confirmHours).toMatchObject({ minutes: 80, hoursConfirmedAt: expect.any(String) });
    expect((await staff.gql(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'HOURS_ALREADY_CONFIRMED' });
    expect((await volunteer.gql(`{ myHours { confirmedMinutes awaitingConfirmationMinutes } }`)).data)
      .toEqual({ myHours: { confirmedMinutes: 80, awaitingConfirmationMinutes: 0 } });
  });

  it('keeps where the volunteer checked in and out when they say, rounded to about 11 metres, and refuses a place that is no place', async () => {
    const taskId = await task(0, 2, '上门探访');
    const v = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers });
    const session = await app.signedInAs(v.id, DEMO_ORGS.volunteers);
    const claimId = await claim(session, taskId);
    await move(taskId, -0.25);
    const PLACED = `mutation($input: CheckInInput!) { checkIn(input: $input) { id checkedInAt checkInPlace { latitude longitude accuracyMeters } } }`;
    const before = await app.db.query(`SELECT checked_in_at, checked_in_place, version FROM task_claims WHERE id = $1`, [claimId]);
    for (const [place, field] of [
      [{ latitude: 91, longitude: 116.4 }, 'latitude'], [{ latitude: 39.9, longitude: -181 }, 'longitude'], [{ latitude: 39.9, longitude: 116.4, accuracyMeters: -5 }, 'accuracyMeters'],
      [{ latitude: 39.9, longitude: 116.4, accuracyMeters: 1e9 }, 'accuracyMeters'],
    ] as const) {
      const refused = await session.gql(PLACED, { input: { claimId, place } });
      expect([field, refused.errors![0].extensions.code]).toEqual([field, 'BAD_USER_INPUT']);
    }
    expect((await session.gql(PLACED, { input: { claimId, place: { latitude: 'north', longitude: 116.4 } } })).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await app.db.query(`SELECT checked_in_at, checked_in_place, version FROM task_claims WHERE id = $1`, [claimId])).toEqual(before);
    const placed = await session.gql<{ checkIn: { checkInPlace: unknown } }>(PLACED, { input: { claimId, place: { latitude: 39.908_712_3, longitude: 116.397_477_9, accuracyMeters: 14.6 } } });
    expect(placed.data!.checkIn.checkInPlace).toEqual({ latitude: 39.9087, longitude: 116.3975, accuracyMeters: 15 });
    // Checking out without saying where keeps no place; the audit trail names what changed.
    await app.db.query(`UPDATE task_claims SET checked_in_at = now() - interval '30 minutes' WHERE id = $1`, [claimId]);
    const out = await session.gql<{ checkOut: { checkOutPlace: unknown } }>(`mutation($input: CheckOutInput!) { checkOut(input: $input) { id checkOutPlace { latitude } } }`,
      { input: { claimId } });
    expect(out.data!.checkOut.checkOutPlace).toBeNull();
    const changes: { fields: string[] }[] = await app.db.query(
      `SELECT fields FROM audit_events WHERE action = 'CHANGE' AND subject_type = 'TaskClaim' AND subject_id = $1 ORDER BY occurred_at`, [claimId]);
    expect(changes.map((c) => c.fields)).toEqual([['status'], ['checkedInAt', 'checkInPlace'], ['checkedOutAt', 'minutes', 'report']]);
  });

  it('records the hours of a volunteer who came without checking in, once the task has started, with the minutes the organisation gives', async () => {
    const taskId = await task(0, 2, '社区义诊引导');
    const forgetful = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers });
    const session = await app.signedInAs(forgetful.id, DEMO_ORGS.volunteers);
    const claimId = await claim(session, taskId);
    expect((await staff.gql(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId, minutes: 100 } })).errors![0].extensions)
      .toMatchObject({ code: 'CONFLICT', reason: 'NOT_STARTED' });
    await move(taskId, -2.5);
    expect((await staff.gql(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId } })).errors![0].extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MINUTES_REQUIRED', field: 'input.minutes' });
    expect((await app.db.query(`SELECT status FROM task_claims WHERE id = $1`, [claimId]))[0].status).toBe('HELD');
    const recorded = await staff.gql<{ confirmHours: Record<string, unknown> }>(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId, minutes: 100 } });
    expect(recorded.data!.confirmHours).toMatchObject({ status: 'COMPLETED', minutes: 100, checkedInAt: null, hoursConfirmedAt: expect.any(String) });
    expect((await session.gql(`{ myHours { confirmedMinutes tasksCompleted } }`)).data).toEqual({ myHours: { confirmedMinutes: 100, tasksCompleted: 1 } });
    expect((await staff.gql(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId, minutes: 90 } })).errors![0].extensions.reason).toBe('HOURS_ALREADY_CONFIRMED');
    // Nor can a volunteer of another organisation's task be recorded, nor can the volunteer record themself.
    expect((await session.gql(run('confirmHours', 'ConfirmHoursInput'), { input: { claimId, minutes: 600 } })).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('marks a volunteer who did not come, once the task has started, and counts nothing for them', async () => {
    const taskId = await task(3600_000, 2, '陪同就医');
    const absent = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers });
    const session = await app.signedInAs(absent.id, DEMO_ORGS.volunteers);
    const claimId = await claim(session, taskId);
    expect((await staff.gql(run('markNoShow', 'ClaimDecisionInput'), { input: { claimId } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_NO_SHOW' });
    await move(taskId, -1);
    expect((await staff.gql<{ markNoShow: { status: string } }>(run('markNoShow', 'ClaimDecisionInput'), { input: { claimId } })).data!.markNoShow.status).toBe('NO_SHOW');
    expect((await session.gql(`{ myHours { confirmedMinutes tasksCompleted } }`)).data).toEqual({ myHours: { confirmedMinutes: 0, tasksCompleted: 0 } });
  });

  it('hands the volunteer a statement of their confirmed hours', async () => {
    const res = await volunteer.gql<{ myHoursStatement: { csv: string; confirmedMinutes: number } }>(`{ myHoursStatement { csv confirmedMinutes filename } }`);
    expect(res.data!.myHoursStatement.confirmedMinutes).toBe(80);
    const rows = parse(res.data!.myHoursStatement.csv, { bom: true, relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(['志愿者', '周婷婷', '所属队伍', '朝阳区“邻里守望”志愿者服务队']);
    expect(rows[2].slice(1, 4)).toEqual(['朝阳区夕阳红养老服务中心', '送餐服务', '1.3']);
    expect(rows.at(-1)!.slice(0, 4)).toEqual(['合计', '', '', '1.3']);
  });
});
