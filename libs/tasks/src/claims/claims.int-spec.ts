import { CasesModule } from '@zhulian/cases';
import { auditKey, verifyAuditChain } from '@zhulian/access';
import { APP_CONFIG, AppConfig, Role } from '@zhulian/core';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeHeldClaim, makeUser, makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';
import { ClaimService } from './claim.service';

const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id slots placesTaken waitlistLength status } }`;
const CLAIM = `mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id status waitlistPosition offeredUntil } }`;
const RELEASE = `mutation($input: ClaimDecisionInput!) { releaseClaim(input: $input) { id status } }`;
const CONFIRM = `mutation($input: ClaimDecisionInput!) { confirmClaim(input: $input) { id status } }`;
const APPROVE = `mutation($input: ClaimDecisionInput!) { approveClaim(input: $input) { id status } }`;
const DECLINE = `mutation($input: ClaimDecisionInput!) { declineClaim(input: $input) { id status reason } }`;
const TASK = `query($id: ID!) { task(id: $id) { id placesTaken waitlistLength status claims { id status waitlistPosition volunteer { displayName phone } } } }`;

type Claim = { id: string; status: string; waitlistPosition: number | null; offeredUntil: string | null };

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** Volunteers claiming tasks: places held atomically, a waitlist in order, offers that pass on, approvals. */
describe('claiming tasks', () => {
  let app: TestApp;
  let staff: SignedIn;
  const volunteer = async (options: { skills?: string[]; verified?: boolean; name?: string } = {}) => {
    const user = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers, skills: options.skills, verified: options.verified, displayName: options.name });
    return app.signedInAs(user.id, DEMO_ORGS.volunteers);
  };
  const post = async (input: Record<string, unknown> = {}) => {
    const res = await staff.gql<{ postTask: { id: string } }>(POST, { input: {
      title: '陪老人散步', skills: ['COMPANIONSHIP'], regionCode: '110105', startsAt: hoursFromNow(48), endsAt: hoursFromNow(50), slots: 3, ...input } });
    expect(res.errors).toBeUndefined();
    return res.data!.postTask.id;
  };
  const claim = (session: SignedIn, taskId: string, extra: Record<string, unknown> = {}) =>
    session.gql<{ claimTask: Claim }>(CLAIM, { input: { taskId, ...extra } });
  const taskOf = async (id: string) => {
    const res = await staff.gql<{ task: { placesTaken: number; waitlistLength: number; claims: Claim[] } }>(TASK, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.task;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    staff = await app.login('ngo@zhulian.demo');
  });
  afterAll(() => app.close());

  it('gives exactly the places a task has to volunteers claiming it at once, and puts the rest on its waitlist in order', async () => {
    const taskId = await post({ slots: 3 });
    const volunteers = await Promise.all(Array.from({ length: 24 }, () => volunteer()));
    const answers = await Promise.all(volunteers.map((v) => claim(v, taskId)));
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    const claims = answers.map((a) => a.data!.claimTask);
    expect(claims.filter((c) => c.status === 'HELD')).toHaveLength(3);
    const waiting = claims.filter((c) => c.status === 'WAITLISTED').map((c) => c.waitlistPosition).sort((a, b) => a! - b!);
    expect(waiting).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(await taskOf(taskId)).toMatchObject({ placesTaken: 3, waitlistLength: 21 });
    // Claims that came while the task's row was taken were written together (one statement, one transaction time).
    const [{ statements }] = await app.db.query(`SELECT count(DISTINCT created_at)::int AS statements FROM task_claims WHERE task_id = $1`, [taskId]);
    expect(statements).toBeLessThan(24);
    // Each claim is on the timeline and in the audit trail once, and the trail's chain links them all.
    const ids = claims.map((c) => c.id).sort();
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const events = await app.db.query(`SELECT claim_id AS id, kind, details->>'status' AS status FROM task_events
      WHERE task_id = $1 AND kind IN ('CLAIMED', 'WAITLISTED') ORDER BY claim_id`, [taskId]);
    expect(events).toEqual(claims.map((c) => ({ id: c.id, kind: c.status === 'HELD' ? 'CLAIMED' : 'WAITLISTED', status: c.status })).sort(byId));
    await app.auditLinked();
    const audited = await app.db.query(`SELECT subject_id AS id, actor_user_id AS by, details->>'task' AS task, position IS NOT NULL AS linked FROM audit_events
      WHERE subject_type = 'TaskClaim' AND subject_id = ANY($1) ORDER BY subject_id`, [ids]);
    expect(audited).toEqual(claims.map((c, i) => ({ id: c.id, by: volunteers[i].userId, task: taskId, linked: true })).sort(byId));
    expect(await verifyAuditChain(app.db, auditKey(app.app.get<AppConfig>(APP_CONFIG)))).toMatchObject({ intact: true });
    // And the task's staff are told of each, by the claim's own statement.
    const told = await app.db.query(`SELECT actor_user_id AS by, organisation_ids AS orgs FROM outbox_events WHERE kind = 'TASK_CLAIMED' AND subject_id = $1 ORDER BY actor_user_id`, [taskId]);
    expect(told).toEqual(volunteers.map((v) => ({ by: v.userId, orgs: [DEMO_ORGS.elderlyNgo] })).sort((a, b) => a.by.localeCompare(b.by)));
  });

  it('offers a released place to the first on the waitlist, who confirms it; an offer not confirmed in time passes on', async () => {
    const taskId = await post({ slots: 1 });
    const [first, second, third] = [await volunteer(), await volunteer(), await volunteer()];
    const held = (await claim(first, taskId)).data!.claimTask;
    const two = (await claim(second, taskId)).data!.claimTask;
    const three = (await claim(third, taskId)).data!.claimTask;
    expect([held.status, two.status, two.waitlistPosition, three.waitlistPosition]).toEqual(['HELD', 'WAITLISTED', 1, 2]);
    expect((await first.gql<{ releaseClaim: Claim }>(RELEASE, { input: { claimId: held.id, reason: '临时有事' } })).data!.releaseClaim.status).toBe('RELEASED');
    const offered = (await taskOf(taskId)).claims.find((c) => c.id === two.id)!;
    expect(offered.status).toBe('OFFERED');
    // Third moves up while second decides.
    expect((await taskOf(taskId)).claims.find((c) => c.id === three.id)!.waitlistPosition).toBe(1);
    // Second lets the offer run out: it passes to third.
    await app.db.query(`UPDATE task_claims SET offered_until = now() - interval '1 minute' WHERE id = $1`, [two.id]);
    expect((await second.gql(CONFIRM, { input: { claimId: two.id } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OFFER_EXPIRED' });
    expect(await app.app.get(ClaimService).expireOffers(new Date())).toBe(1);
    expect((await taskOf(taskId)).claims.find((c) => c.id === three.id)!.status).toBe('OFFERED');
    expect((await third.gql<{ confirmClaim: Claim }>(CONFIRM, { input: { claimId: three.id } })).data!.confirmClaim.status).toBe('HELD');
    expect(await taskOf(taskId)).toMatchObject({ placesTaken: 1, waitlistLength: 0 });
  });

  it('keeps a claim on a task needing approval pending until the organisation approves or declines it, with a reason', async () => {
    const taskId = await post({ slots: 2, needsApproval: true });
    const [a, b, c] = [await volunteer({ name: '甲' }), await volunteer({ name: '乙' }), await volunteer({ name: '丙' })];
    const ca = (await claim(a, taskId)).data!.claimTask;
    const cb = (await claim(b, taskId)).data!.claimTask;
    const cc = (await claim(c, taskId)).data!.claimTask;
    expect([ca.status, cb.status, cc.status]).toEqual(['PENDING', 'PENDING', 'WAITLISTED']);
    expect((await staff.gql<{ approveClaim: Claim }>(APPROVE, { input: { claimId: ca.id } })).data!.approveClaim.status).toBe('HELD');
    expect((await staff.gql(APPROVE, { input: { claimId: ca.id } })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CLAIM_NOT_PENDING' });
    expect((await staff.gql(DECLINE, { input: { claimId: cb.id } })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    expect((await staff.gql<{ declineClaim: Claim & { reason: string } }>(DECLINE, { input: { claimId: cb.id, reason: '名额已安排给熟悉的志愿者' } })).data!.declineClaim)
      .toMatchObject({ status: 'DECLINED', reason: '名额已安排给熟悉的志愿者' });
    // The place goes to the next in line, who confirms into a claim that waits for approval in turn.
    const offered = (await taskOf(taskId)).claims.find((x) => x.id === cc.id)!;
    expect(offered.status).toBe('OFFERED');
    expect((await c.gql<{ confirmClaim: Claim }>(CONFIRM, { input: { claimId: cc.id } })).data!.confirmClaim.status).toBe('PENDING');
    // A volunteer may neither approve nor see another's claim on it.
    expect((await a.gql(APPROVE, { input: { claimId: cc.id } })).errors![0].extensions.code).toBe('NOT_FOUND');
    const seen = await a.gql<{ task: { claims: { id: string }[] } }>(`query($id: ID!) { task(id: $id) { claims { id } } }`, { id: taskId });
    expect(seen.data!.task.claims.map((x) => x.id)).toEqual([ca.id]);
  });

  it('refuses a claim on a full-of-people, cancelled, started or foreign-skill task, an overlapping one, and one needing checks the volunteer lacks', async () => {
    const morning = await post({ startsAt: hoursFromNow(72), endsAt: hoursFromNow(74) });
    const overlapping = await post({ startsAt: hoursFromNow(73), endsAt: hoursFromNow(75) });
    const tutoring = await post({ skills: ['TUTORING'] });
    const child = await post({ involvesMinor: true });
    const cancelled = await post();
    await staff.gql(`mutation($input: CancelTaskInput!) { cancelTask(input: $input) { id } }`, { input: { taskId: cancelled, reason: '服务对象已入院' } });
    const v = await volunteer();
    expect((await claim(v, morning)).data!.claimTask.status).toBe('HELD');
    const refused: [string, string, string][] = [
      [overlapping, 'CONFLICT', 'OVERLAPPING_CLAIM'],
      [morning, 'CONFLICT', 'ALREADY_CLAIMED'],
      [tutoring, 'FORBIDDEN', 'SKILL_NOT_HELD'],
      [child, 'FORBIDDEN', 'NOT_VERIFIED_FOR_TASK'],
      [cancelled, 'CONFLICT', 'TASK_CANCELLED'],
    ];
    const traces = (taskId: string) => app.db.query(`SELECT t.held, t.waitlist_seq, t.version,
        (SELECT count(*)::int FROM task_claims c WHERE c.task_id = t.id AND c.volunteer_id = $2) AS claims,
        (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id AND e.kind IN ('CLAIMED', 'WAITLISTED')) AS events,
        (SELECT count(*)::int FROM audit_events a WHERE a.subject_type = 'TaskClaim' AND a.details->>'task' = t.id::text) AS audited,
        (SELECT count(*)::int FROM outbox_events o WHERE o.kind = 'TASK_CLAIMED' AND o.subject_id = t.id) AS told
      FROM tasks t WHERE t.id = $1`, [taskId, v.userId]);
    for (const [taskId, code, reason] of refused) {
      const before = await traces(taskId);
      expect([reason, (await claim(v, taskId)).errors![0].extensions]).toEqual([reason, expect.objectContaining({ code, reason })]);
      expect(await traces(taskId)).toEqual(before);
    }
    // A verified volunteer may take the child's task.
    expect((await claim(await volunteer({ verified: true }), child)).data!.claimTask.status).toBe('HELD');
    // A started task: nothing to claim.
    await app.db.query(`UPDATE tasks SET starts_at = now() - interval '1 minute' WHERE id = $1`, [tutoring]);
    const tutor = await volunteer({ skills: ['TUTORING'] });
    expect((await claim(tutor, tutoring)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'TASK_STARTED' });
  });

  it('writes claims that come together, and one claim’s conflict in their statement costs the others nothing', async () => {
    const busy = await volunteer({ name: '忙志愿' });
    const elsewhere = await post({ startsAt: hoursFromNow(96), endsAt: hoursFromNow(98) });
    expect((await claim(busy, elsewhere)).data!.claimTask.status).toBe('HELD');
    // Places for all, so that the busy volunteer's claim would take one (a waitlisted claim may overlap: it is offered a place only when free then).
    const taskId = await post({ slots: 8, needsApproval: true, startsAt: hoursFromNow(97), endsAt: hoursFromNow(99) });
    const others = await Promise.all(Array.from({ length: 7 }, () => volunteer()));
    const claimants = [others[0], busy, ...others.slice(1)];
    const answers = await Promise.all(claimants.map((v) => claim(v, taskId)));
    expect(answers[1].errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPPING_CLAIM' });
    const written = answers.filter((_, i) => i !== 1).map((a) => a.data!.claimTask);
    expect(written.map((c) => c.status)).toEqual(Array(7).fill('PENDING'));
    expect(await taskOf(taskId)).toMatchObject({ placesTaken: 7, waitlistLength: 0 });
    // Nothing of the busy volunteer's claim was kept: no claim, timeline event, audit or outbox event.
    const [traces] = await app.db.query(`SELECT
        (SELECT count(*)::int FROM task_claims WHERE task_id = $1) AS claims,
        (SELECT count(*)::int FROM task_events WHERE task_id = $1 AND kind IN ('CLAIMED', 'WAITLISTED')) AS events,
        (SELECT count(*)::int FROM audit_events WHERE subject_type = 'TaskClaim' AND details->>'task' = $1::text) AS audited,
        (SELECT count(*)::int FROM outbox_events WHERE kind = 'TASK_CLAIMED' AND subject_id = $1) AS told,
        (SELECT count(*)::int FROM task_claims WHERE task_id = $1 AND volunteer_id = $2) AS busy`, [taskId, busy.userId]);
    expect(traces).toEqual({ claims: 7, events: 7, audited: 7, told: 7, busy: 0 });
  });

  it('gives a volunteer claiming two overlapping tasks at once one of them and a clear conflict for the other', async () => {
    for (let round = 0; round < 5; round += 1) {
      const v = await volunteer();
      const from = 200 + round * 10;
      const tasks = [await post({ startsAt: hoursFromNow(from), endsAt: hoursFromNow(from + 2) }), await post({ startsAt: hoursFromNow(from + 1), endsAt: hoursFromNow(from + 3) })];
      const answers = await Promise.all(tasks.map((taskId) => claim(v, taskId)));
      const outcomes = answers.map((a) => a.data?.claimTask.status ?? `${a.errors![0].extensions.code}/${a.errors![0].extensions.reason}`).sort();
      expect(outcomes).toEqual(['CONFLICT/OVERLAPPING_CLAIM', 'HELD']);
    }
  });

  it('answers a claim that PostgreSQL ended to break a deadlock with the conflict it meets when tried again', async () => {
    // Two overlapping claims of one volunteer, each waiting for the other in the exclusion index: here the second is
    // held open in a transaction, so that the deadlock is certain (the claim waits first, so PostgreSQL ends it).
    const v = await volunteer();
    const at = (h: number) => new Date(Date.UTC(2030, 0, 1, h)).toISOString();
    const claimed = await post({ startsAt: at(10), endsAt: at(12) });
    const later = await post({ startsAt: at(11), endsAt: at(13) }); // overlaps `claimed`
    const earlier = await post({ startsAt: at(9), endsAt: at(11) }); // overlaps `claimed`, not `later`
    const other = app.db.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      await makeHeldClaim(other.manager, { taskId: later, volunteerId: v.userId });
      const answer = claim(v, claimed); // waits for the transaction's claim on `later`
      await new Promise((resolve) => setTimeout(resolve, 300));
      await makeHeldClaim(other.manager, { taskId: earlier, volunteerId: v.userId }); // waits for the API's claim: a deadlock
      await other.commitTransaction();
      expect((await answer).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPPING_CLAIM' });
    } finally {
      await other.release();
    }
    expect(await taskOf(claimed)).toMatchObject({ placesTaken: 0, waitlistLength: 0 });
  });

  it('counts a retried claim once, by its idempotency key', async () => {
    const taskId = await post({ slots: 2 });
    const v = await volunteer();
    const [x, y] = await Promise.all([claim(v, taskId, { idempotencyKey: 'claim-retry-0001' }), claim(v, taskId, { idempotencyKey: 'claim-retry-0001' })]);
    expect(x.data!.claimTask.id).toBe(y.data!.claimTask.id);
    expect(await taskOf(taskId)).toMatchObject({ placesTaken: 1 });
  });

  it('shows the organisation the phone of a volunteer only while they hold its task', async () => {
    const taskId = await post({ slots: 1 });
    const phoneOf = async (id: string) => (await staff.gql<{ task: { claims: { id: string; volunteer: { displayName: string; phone: string | null } }[] } }>(TASK, { id }))
      .data!.task.claims;
    const holder = await volunteer({ name: '钱志愿' });
    const waiting = await volunteer({ name: '孙志愿' });
    const h = (await claim(holder, taskId)).data!.claimTask;
    await claim(waiting, taskId);
    const claims = await phoneOf(taskId);
    expect(claims.map((c) => [c.volunteer.displayName, c.volunteer.phone])).toEqual([['钱志愿', '13912345678'], ['孙志愿', null]]);
    await holder.gql(RELEASE, { input: { claimId: h.id } });
    expect((await phoneOf(taskId)).find((c) => c.id === h.id)!.volunteer).toMatchObject({ displayName: '钱志愿', phone: null });
    // Another organisation sees neither the claims nor the volunteers.
    const other = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.charity, role: Role.STAFF }] });
    const stranger = await app.signedInAs(other.id, DEMO_ORGS.charity);
    expect((await stranger.gql<{ task: { claims: unknown[] } }>(TASK, { id: taskId })).data!.task.claims).toEqual([]);
  });
});
