import { CasesModule } from '@zhulian/cases';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`;
const CLAIM = `mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id status } }`;
const RELEASE = `mutation($input: ClaimDecisionInput!) { releaseClaim(input: $input) { id status } }`;
const CANDIDATES = `query($taskId: ID!) { coverCandidates(taskId: $taskId) { known { userId displayName phone } othersCount askedCount } }`;
const ASK = `mutation($input: AskForCoverInput!) { askForCover(input: $input) { known { userId displayName } othersCount askedCount } }`;
const BOARD = `query($filter: TaskBoardFilter) { taskBoard(filter: $filter) { edges { node { id coverAskedOfMe } } } }`;
const REQUEST = `mutation($input: RequestHandoverInput!) { requestTaskHandover(input: $input) { id status answerBy fromOrganisationName toOrganisationName task { id title } } }`;
const ANSWER = `mutation($input: AnswerHandoverInput!) { answerTaskHandover(input: $input) { id status answerReason automatic } }`;
const TASK = `query($id: ID!) { task(id: $id) { organisationId needsCover pendingHandover { id status } claims { id status } timelineEvents { kind } } }`;
const APPROVE = `mutation($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status } }`;

type Candidates = { known: { userId: string; displayName: string | null; phone: string | null }[]; othersCount: number; askedCount: number };
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const reasonOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

describe('finding cover and handing tasks over', () => {
  let app: TestApp;
  let staff: SignedIn;
  let otherNgo: SignedIn;
  const volunteer = async (options: { skills?: string[]; areaCodes?: string[]; name?: string } = {}) => {
    const user = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers, areaCodes: ['110108'], ...options, displayName: options.name });
    return { id: user.id, session: await app.signedInAs(user.id, DEMO_ORGS.volunteers) };
  };
  const post = async (session: SignedIn, input: Record<string, unknown> = {}) => {
    const res = await session.gql<{ postTask: { id: string } }>(POST, { input: {
      title: '陪老人就医', skills: ['COMPANIONSHIP'], regionCode: '110108', startsAt: hoursFromNow(100), endsAt: hoursFromNow(102), slots: 1, ...input } });
    expect(res.errors).toBeUndefined();
    return res.data!.postTask.id;
  };
  const claim = async (session: SignedIn, taskId: string) => {
    const res = await session.gql<{ claimTask: { id: string; status: string } }>(CLAIM, { input: { taskId } });
    expect(res.errors).toBeUndefined();
    return res.data!.claimTask;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    staff = await app.login('ngo@zhulian.demo');
    otherNgo = await app.login('ngo2@zhulian.demo');
  });
  afterAll(() => app.close());

  describe('when a volunteer cannot come', () => {
    let taskId: string;
    let known: { id: string; session: SignedIn };
    let stranger: { id: string; session: SignedIn };
    let wrongSkill: { id: string; session: SignedIn };

    beforeAll(async () => {
      known = await volunteer({ name: '老面孔' });
      // Known: claimed one of the organisation's tasks before (and gave it up, so no phone shows).
      const before = await claim(known.session, await post(staff, { startsAt: hoursFromNow(200), endsAt: hoursFromNow(201) }));
      await known.session.gql(RELEASE, { input: { claimId: before.id } });
      stranger = await volunteer({ name: '陌生人' });
      wrongSkill = await volunteer({ skills: ['LEGAL_AID'] });
      await volunteer({ areaCodes: ['110101'] });
      // Busy at that time with another organisation's task.
      const busy = await volunteer();
      await claim(busy.session, await post(otherNgo, { startsAt: hoursFromNow(101), endsAt: hoursFromNow(103) }));
      taskId = await post(staff);
    });

    it('prompts the organisation once the place is given up and nobody waits for it', async () => {
      const leaver = await volunteer();
      const held = await claim(leaver.session, taskId);
      expect((await staff.gql<{ task: { needsCover: boolean } }>(TASK, { id: taskId })).data!.task.needsCover).toBe(false);
      expect((await leaver.session.gql(RELEASE, { input: { claimId: held.id, reason: '临时要出差' } })).errors).toBeUndefined();
      expect((await staff.gql<{ task: { needsCover: boolean } }>(TASK, { id: taskId })).data!.task.needsCover).toBe(true);
    });

    it('names the fitting volunteers the organisation knows, counts the others, and leaves out the unfit, the busy and whoever gave it up', async () => {
      const res = await staff.gql<{ coverCandidates: Candidates }>(CANDIDATES, { taskId });
      expect(res.errors).toBeUndefined();
      expect(res.data!.coverCandidates).toEqual({ known: [{ userId: known.id, displayName: '老面孔', phone: null }], othersCount: 1, askedCount: 0 });
    });

    it('asks them: the asked find the task on their board, others do not; nobody is asked twice', async () => {
      const named = await staff.gql(ASK, { input: { taskId, volunteerIds: [stranger.id] } });
      expect(reasonOf(named)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_CANDIDATE' });
      const asked = await staff.gql<{ askForCover: Candidates }>(ASK, { input: { taskId } });
      expect(asked.data!.askForCover).toMatchObject({ known: [], othersCount: 0, askedCount: 2 });
      const board = async (session: SignedIn) => (await session.gql<{ taskBoard: { edges: { node: { id: string; coverAskedOfMe: boolean } }[] } }>(BOARD,
        { filter: { askedMe: true, nearMe: false, fitsMySkills: false } })).data!.taskBoard.edges.map((e) => e.node);
      expect(await board(stranger.session)).toEqual([{ id: taskId, coverAskedOfMe: true }]);
      expect(await board(known.session)).toEqual([{ id: taskId, coverAskedOfMe: true }]);
      expect(await board(wrongSkill.session)).toEqual([]);
      expect(reasonOf(await staff.gql(ASK, { input: { taskId } }))).toMatchObject({ code: 'CONFLICT', reason: 'NOBODY_TO_ASK' });
      const events = (await staff.gql<{ task: { timelineEvents: { kind: string }[] } }>(TASK, { id: taskId })).data!.task.timelineEvents.map((e) => e.kind);
      expect(events).toContain('COVER_ASKED');
      // Claimed: off the "asked me" list.
      await claim(stranger.session, taskId);
      expect(await board(stranger.session)).toEqual([]);
    });

    it('is for the task’s own organisation only', async () => {
      expect(reasonOf(await otherNgo.gql(CANDIDATES, { taskId }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_TASK' });
      expect(reasonOf(await otherNgo.gql(ASK, { input: { taskId } }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_TASK' });
      expect(reasonOf(await stranger.session.gql(CANDIDATES, { taskId }))).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('hand-overs between organisations', () => {
    it('lets the holder decline with a reason, then approve: the task moves with its claims, and only the taker runs it now', async () => {
      const taskId = await post(staff, { needsApproval: true, slots: 2 });
      const v = await volunteer();
      const pending = await claim(v.session, taskId);
      // The other organisation finds the task among the alliance's open tasks; the holder does not see its own there.
      const alliance = `{ allianceTasks(first: 100) { edges { node { id organisationName } } } }`;
      expect((await otherNgo.gql<{ allianceTasks: { edges: { node: { id: string } }[] } }>(alliance)).data!.allianceTasks.edges.map((e) => e.node.id)).toContain(taskId);
      expect((await staff.gql<{ allianceTasks: { edges: { node: { id: string } }[] } }>(alliance)).data!.allianceTasks.edges.map((e) => e.node.id)).not.toContain(taskId);
      const first = await otherNgo.gql<{ requestTaskHandover: { id: string; status: string } }>(REQUEST, { input: { taskId, reason: '我们离这个小区更近' } });
      expect(first.data!.requestTaskHandover).toMatchObject({ status: 'REQUESTED', toOrganisationName: '朝阳区童心儿童与家庭服务社', task: { id: taskId } });
      const charity = await app.login('charity@zhulian.demo');
      expect(reasonOf(await charity.gql(REQUEST, { input: { taskId, reason: '我们也可以接' } }))).toMatchObject({ code: 'CONFLICT', reason: 'HANDOVER_PENDING' });
      expect((await staff.gql<{ task: { pendingHandover: { id: string } | null } }>(TASK, { id: taskId })).data!.task.pendingHandover?.id).toBe(first.data!.requestTaskHandover.id);
      expect((await charity.gql<{ task: { pendingHandover: unknown } }>(TASK, { id: taskId })).data!.task.pendingHandover).toBeNull();
      // Only the holder answers; a decline needs a reason.
      expect(reasonOf(await otherNgo.gql(ANSWER, { input: { handoverId: first.data!.requestTaskHandover.id, approve: true } }))).toMatchObject({ reason: 'HANDOVER_NOT_FOUND' });
      expect(reasonOf(await staff.gql(ANSWER, { input: { handoverId: first.data!.requestTaskHandover.id, approve: false } }))).toMatchObject({ reason: 'REASON_REQUIRED' });
      const declined = await staff.gql<{ answerTaskHandover: { status: string; answerReason: string } }>(ANSWER,
        { input: { handoverId: first.data!.requestTaskHandover.id, approve: false, reason: '已有志愿者报名' } });
      expect(declined.data!.answerTaskHandover).toMatchObject({ status: 'DECLINED', answerReason: '已有志愿者报名' });
      const second = await otherNgo.gql<{ requestTaskHandover: { id: string } }>(REQUEST, { input: { taskId, reason: '原机构人手不足，我们来接' } });
      const approved = await staff.gql<{ answerTaskHandover: { status: string; automatic: boolean } }>(ANSWER,
        { input: { handoverId: second.data!.requestTaskHandover.id, approve: true } });
      expect(approved.data!.answerTaskHandover).toEqual({ id: second.data!.requestTaskHandover.id, status: 'APPROVED', answerReason: null, automatic: false });
      const task = (await otherNgo.gql<{ task: { organisationId: string; claims: { id: string; status: string }[]; timelineEvents: { kind: string }[] } }>(TASK, { id: taskId })).data!.task;
      expect(task.organisationId).toBe(DEMO_ORGS.familyNgo);
      expect(task.claims).toEqual([{ id: pending.id, status: 'PENDING' }]);
      expect(task.timelineEvents.map((e) => e.kind)).toEqual(['POSTED', 'CLAIMED', 'HANDOVER_REQUESTED', 'HANDOVER_DECLINED', 'HANDOVER_REQUESTED', 'HANDED_OVER']);
      expect(reasonOf(await staff.gql(APPROVE, { input: { claimId: pending.id } }))).toMatchObject({ reason: 'CLAIM_NOT_FOUND' });
      expect((await otherNgo.gql<{ approveClaim: { status: string } }>(APPROVE, { input: { claimId: pending.id } })).data!.approveClaim.status).toBe('HELD');
      const trail = await app.db.query(`SELECT details->>'to' AS status, holder_ids FROM audit_events WHERE subject_type = 'TaskHandover' ORDER BY position`);
      expect(trail.map((e: { status: string }) => e.status)).toEqual(['REQUESTED', 'DECLINED', 'REQUESTED', 'APPROVED']);
      expect(trail[3].holder_ids.sort()).toEqual([DEMO_ORGS.elderlyNgo, DEMO_ORGS.familyNgo].sort());
    });

    it('refuses one’s own task, a closed task, one starting too soon, and a volunteer asking', async () => {
      const mine = await post(otherNgo);
      expect(reasonOf(await otherNgo.gql(REQUEST, { input: { taskId: mine, reason: '接手自己的任务' } }))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_YOURS' });
      const soon = await post(staff, { startsAt: hoursFromNow(5), endsAt: hoursFromNow(6) });
      expect(reasonOf(await otherNgo.gql(REQUEST, { input: { taskId: soon, reason: '马上要开始了' } }))).toMatchObject({ code: 'CONFLICT', reason: 'TOO_LATE_FOR_HANDOVER' });
      const cancelled = await post(staff);
      await staff.gql(`mutation($input: CancelTaskInput!) { cancelTask(input: $input) { id } }`, { input: { taskId: cancelled, reason: '活动取消了' } });
      expect(reasonOf(await otherNgo.gql(REQUEST, { input: { taskId: cancelled, reason: '我们想接' } }))).toMatchObject({ code: 'CONFLICT', reason: 'TASK_NOT_OPEN' });
      const v = await volunteer();
      expect(reasonOf(await v.session.gql(REQUEST, { input: { taskId: soon, reason: '我想接这个任务' } }))).toMatchObject({ code: 'FORBIDDEN' });
      expect(reasonOf(await otherNgo.gql(REQUEST, { input: { taskId: soon, reason: '联系 13811112222' } }))).toMatchObject({ reason: 'PERSONAL_DATA_IN_TEXT' });
    });

    it('lets the asking organisation withdraw while it waits, and nobody else', async () => {
      const taskId = await post(staff);
      const asked = await otherNgo.gql<{ requestTaskHandover: { id: string } }>(REQUEST, { input: { taskId, reason: '我们可以派人' } });
      const id = asked.data!.requestTaskHandover.id;
      expect(reasonOf(await staff.gql(`mutation($id: ID!) { withdrawTaskHandover(id: $id) { status } }`, { id }))).toMatchObject({ reason: 'HANDOVER_NOT_FOUND' });
      const withdrawn = await otherNgo.gql<{ withdrawTaskHandover: { status: string } }>(`mutation($id: ID!) { withdrawTaskHandover(id: $id) { status } }`, { id });
      expect(withdrawn.data!.withdrawTaskHandover.status).toBe('WITHDRAWN');
      expect(reasonOf(await staff.gql(ANSWER, { input: { handoverId: id, approve: true } }))).toMatchObject({ reason: 'HANDOVER_NOT_OPEN' });
    });
  });
});
