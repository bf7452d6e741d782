import { CasesModule } from '@zhulian/cases';
import { CLOCK, Clock, JobRunner } from '@zhulian/core';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';
import { TASK_DEADLINES_QUEUE, TaskDeadlines } from './task-deadlines';

const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id startsAt endsAt } }`;
const CLAIM = `mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id status } }`;
const RELEASE = `mutation($input: ClaimDecisionInput!) { releaseClaim(input: $input) { id status } }`;
const MY_CLAIMS = `{ myClaims { edges { node { id status reminder } } } }`;
const TIMELINE = `query($id: ID!) { task(id: $id) { status timelineEvents { kind claimId actorName } } }`;
const HOUR = 3_600_000;
const hoursFromNow = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/** The tasks' deadlines on a controllable clock: reminders, offers that lapse, tasks that close, hand-overs approved by silence. */
describe('task deadlines', () => {
  let app: TestApp;
  let deadlines: TaskDeadlines;
  let staff: SignedIn;
  const volunteer = async () => app.signedInAs((await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers })).id, DEMO_ORGS.volunteers);
  const post = async (startsInHours: number, slots = 1) => {
    const res = await staff.gql<{ postTask: { id: string; startsAt: string; endsAt: string } }>(POST, { input: {
      title: '陪老人散步', skills: ['COMPANIONSHIP'], regionCode: '110105', startsAt: hoursFromNow(startsInHours), endsAt: hoursFromNow(startsInHours + 2), slots } });
    expect(res.errors).toBeUndefined();
    return { id: res.data!.postTask.id, startsAt: new Date(res.data!.postTask.startsAt), endsAt: new Date(res.data!.postTask.endsAt) };
  };
  const claim = async (session: SignedIn, taskId: string) => (await session.gql<{ claimTask: { id: string; status: string } }>(CLAIM, { input: { taskId } })).data!.claimTask;
  const reminderOf = async (session: SignedIn, claimId: string) =>
    (await session.gql<{ myClaims: { edges: { node: { id: string; reminder: string | null; status: string } }[] } }>(MY_CLAIMS)).data!.myClaims.edges.find((e) => e.node.id === claimId)!.node;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    deadlines = app.app.get(TaskDeadlines);
    staff = await app.login('ngo@zhulian.demo');
  });
  afterAll(() => app.close());

  it('reminds a volunteer holding a place the day before and the hour before, each once, on the task’s timeline', async () => {
    const task = await post(72);
    const v = await volunteer();
    const held = await claim(v, task.id);
    const at = (hoursBeforeStart: number) => new Date(task.startsAt.getTime() - hoursBeforeStart * HOUR);
    await deadlines.sweep(at(25));
    expect((await reminderOf(v, held.id)).reminder).toBeNull();
    expect(await deadlines.sweep(at(23))).toMatchObject({ remindedDayBefore: 1, remindedHourBefore: 0 });
    expect(await deadlines.sweep(at(22))).toMatchObject({ remindedDayBefore: 0 });
    expect((await reminderOf(v, held.id)).reminder).toBe('DAY');
    expect(await deadlines.sweep(at(0.5))).toMatchObject({ remindedHourBefore: 1 });
    expect(await deadlines.sweep(at(0.25))).toMatchObject({ remindedHourBefore: 0 });
    expect((await reminderOf(v, held.id)).reminder).toBe('HOUR');
    const events = (await staff.gql<{ task: { timelineEvents: { kind: string; claimId: string | null; actorName: string | null }[] } }>(TIMELINE, { id: task.id })).data!.task.timelineEvents;
    expect(events.filter((e) => e.kind === 'REMINDED')).toEqual([
      { kind: 'REMINDED', claimId: held.id, actorName: null }, { kind: 'REMINDED', claimId: held.id, actorName: null }]);
  });

  it('does not remind a volunteer who gave the place up, nor those waiting in line', async () => {
    const task = await post(30);
    const [a, b] = [await volunteer(), await volunteer()];
    const held = await claim(a, task.id);
    const waiting = await claim(b, task.id);
    expect(waiting.status).toBe('WAITLISTED');
    expect((await a.gql(RELEASE, { input: { claimId: held.id } })).errors).toBeUndefined();
    // b was offered the place and has not confirmed: no reminder for an offer.
    await deadlines.sweep(new Date(task.startsAt.getTime() - 23 * HOUR));
    expect(await reminderOf(a, held.id)).toMatchObject({ reminder: null, status: 'RELEASED' });
    expect(await reminderOf(b, waiting.id)).toMatchObject({ reminder: null, status: 'OFFERED' });
  });

  it('closes a task past its check-in window: claims still waiting end, a held claim stays for the organisation to settle', async () => {
    const task = await post(5, 1);
    const [a, b] = [await volunteer(), await volunteer()];
    const held = await claim(a, task.id);
    const waiting = await claim(b, task.id);
    expect(await deadlines.sweep(new Date(task.endsAt.getTime() + HOUR))).toMatchObject({ tasksClosed: 0 });
    expect(await deadlines.sweep(new Date(task.endsAt.getTime() + 2 * HOUR + 1000))).toMatchObject({ tasksClosed: 1 });
    expect((await staff.gql<{ task: { status: string } }>(TIMELINE, { id: task.id })).data!.task.status).toBe('COMPLETED');
    expect(await reminderOf(b, waiting.id)).toMatchObject({ status: 'EXPIRED' });
    expect(await reminderOf(a, held.id)).toMatchObject({ status: 'HELD' });
    expect(await deadlines.sweep(new Date(task.endsAt.getTime() + 3 * HOUR))).toMatchObject({ tasksClosed: 0 });
  });

  it('checks out at the task’s end a volunteer who checked in and forgot to check out, for the organisation to confirm', async () => {
    const task = await post(5, 1);
    const v = await volunteer();
    const held = await claim(v, task.id);
    // They checked in ten minutes after the start (on the moved clock) and never checked out.
    await app.db.query(`UPDATE task_claims SET checked_in_at = $2 WHERE id = $1`, [held.id, new Date(task.startsAt.getTime() + 10 * 60_000)]);
    expect(await deadlines.sweep(new Date(task.endsAt.getTime() + 2 * HOUR + 1000))).toMatchObject({ tasksClosed: 1 });
    const [row] = await app.db.query(`SELECT status, minutes, checked_out_at FROM task_claims WHERE id = $1`, [held.id]);
    expect(row).toMatchObject({ status: 'COMPLETED', minutes: 110 });
    expect(new Date(row.checked_out_at).getTime()).toBe(task.endsAt.getTime());
    const events = (await staff.gql<{ task: { timelineEvents: { kind: string; claimId: string | null; actorName: string | null }[] } }>(TIMELINE, { id: task.id })).data!.task.timelineEvents;
    expect(events.filter((e) => e.claimId === held.id).map((e) => e.kind)).toEqual(['CLAIMED', 'CHECKED_OUT']);
    const confirmed = await staff.gql<{ confirmHours: { minutes: number; hoursConfirmedAt: string } }>(
      `mutation($input: ConfirmHoursInput!) { confirmHours(input: $input) { minutes hoursConfirmedAt } }`, { input: { claimId: held.id, minutes: 100 } });
    expect(confirmed.data!.confirmHours.minutes).toBe(100);
  });

  it('forgets where volunteers checked in and out a month after their hours were confirmed, and keeps the hours', async () => {
    const places: string[] = [];
    for (const confirmedDaysAgo of [31, 29]) {
      const task = await post(0.5, 1);
      const v = await volunteer();
      const held = await claim(v, task.id);
      const place = { latitude: 39.9087, longitude: 116.3975, accuracyMeters: 10 };
      expect((await v.gql(`mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`, { input: { claimId: held.id, place } })).errors).toBeUndefined();
      expect((await v.gql(`mutation($input: CheckOutInput!) { checkOut(input: $input) { id } }`, { input: { claimId: held.id, place } })).errors).toBeUndefined();
      await staff.gql(`mutation($input: ConfirmHoursInput!) { confirmHours(input: $input) { id } }`, { input: { claimId: held.id, minutes: 60 } });
      await app.db.query(`UPDATE task_claims SET hours_confirmed_at = now() - make_interval(days => $2) WHERE id = $1`, [held.id, confirmedDaysAgo]);
      places.push(held.id);
    }
    expect(await deadlines.sweep(new Date())).toMatchObject({ placesForgotten: 1 });
    const rows = await app.db.query(`SELECT id, checked_in_place IS NOT NULL AS kept_in, checked_out_place IS NOT NULL AS kept_out, minutes, hours_confirmed_at IS NOT NULL AS confirmed
      FROM task_claims WHERE id = ANY($1)`, [places]);
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(places[0])).toMatchObject({ kept_in: false, kept_out: false, minutes: 60, confirmed: true });
    expect(byId.get(places[1])).toMatchObject({ kept_in: true, kept_out: true, minutes: 60, confirmed: true });
    expect(await deadlines.sweep(new Date())).toMatchObject({ placesForgotten: 0 });
  });

  it('approves a hand-over the holder left unanswered, once its time is up', async () => {
    const task = await post(24 * 10);
    const taker = await app.login('ngo2@zhulian.demo');
    const asked = await taker.gql<{ requestTaskHandover: { id: string; answerBy: string; status: string } }>(
      `mutation($input: RequestHandoverInput!) { requestTaskHandover(input: $input) { id answerBy status } }`, { input: { taskId: task.id, reason: '我们在这个社区有更多志愿者' } });
    expect(asked.errors).toBeUndefined();
    const answerBy = new Date(asked.data!.requestTaskHandover.answerBy);
    expect(answerBy.getTime() - Date.now()).toBeGreaterThan(3 * 24 * HOUR - 60_000);
    expect(await deadlines.sweep(new Date(answerBy.getTime() - 60_000))).toMatchObject({ handoversApproved: 0 });
    expect(await deadlines.sweep(new Date(answerBy.getTime() + 1000))).toMatchObject({ handoversApproved: 1 });
    const moved = await taker.gql<{ task: { organisationName: string; timelineEvents: { kind: string; actorName: string | null }[] } }>(
      `query($id: ID!) { task(id: $id) { organisationName timelineEvents { kind actorName } } }`, { id: task.id });
    expect(moved.data!.task.organisationName).toBe('朝阳区童心儿童与家庭服务社');
    expect(moved.data!.task.timelineEvents.map((e) => e.kind)).toEqual(['POSTED', 'HANDOVER_REQUESTED', 'HANDED_OVER']);
    const list = await taker.gql<{ taskHandovers: { edges: { node: { status: string; automatic: boolean } }[] } }>(
      `{ taskHandovers(direction: OUTGOING) { edges { node { status automatic } } } }`);
    expect(list.data!.taskHandovers.edges[0].node).toEqual({ status: 'APPROVED', automatic: true });
  });
});

describe('task deadlines through the pg-boss queue', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo, env: { JOBS: 'on' } });
  });
  afterAll(() => app.close());

  it('runs the sweep as a job in PostgreSQL, at the time the injected clock says', async () => {
    const staff = await app.login('ngo@zhulian.demo');
    const posted = await staff.gql<{ postTask: { id: string; startsAt: string } }>(POST, { input: {
      title: '送午餐', skills: [], regionCode: '110105', startsAt: hoursFromNow(50), endsAt: hoursFromNow(51), slots: 1 } });
    const v = await app.signedInAs((await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers })).id, DEMO_ORGS.volunteers);
    const held = await claim(v, posted.data!.postTask.id);
    app.app.get<Clock>(CLOCK).now = () => new Date(new Date(posted.data!.postTask.startsAt).getTime() - 20 * HOUR);
    expect(await app.app.get(JobRunner).runNow(TASK_DEADLINES_QUEUE)).toEqual(expect.any(String));
    const deadline = Date.now() + 30_000;
    while ((await reminder(v, held.id)) !== 'DAY' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await reminder(v, held.id)).toBe('DAY');
  });

  const claim = async (session: SignedIn, taskId: string) => (await session.gql<{ claimTask: { id: string } }>(CLAIM, { input: { taskId } })).data!.claimTask;
  const reminder = async (session: SignedIn, claimId: string) =>
    (await session.gql<{ myClaims: { edges: { node: { id: string; reminder: string | null } }[] } }>(MY_CLAIMS)).data!.myClaims.edges.find((e) => e.node.id === claimId)?.node.reminder;
});
