import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeUser, makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';
import { TaskClaim } from './claim.type';

/**
 * The access matrix for TaskClaim, generated from its declarations: every viewer × every declared personal
 * field × every path that returns a claim (the volunteer's own list, a task's claims, the answer of a move, the
 * payload of a realtime event about its task).
 * A viewer either sees the claim with exactly the fields its categories allow, or does not get the claim at
 * all. A new field gets its expectation from its category and needs a fixture value.
 */
type Sees = FieldCategory[] | 'hidden';
type Path = 'mine' | 'task' | 'move' | 'event';
type Viewer = { org: 'group' | 'poster' | 'other'; role: Role; sees: Sees; paths: Path[] };
const ALL: FieldCategory[] = ['location', 'case_notes'];
const VIEWERS: Record<string, Viewer> = {
  'the volunteer themself': { org: 'group', role: Role.VOLUNTEER, sees: ALL, paths: ['mine', 'task'] },
  'staff of the organisation running the task': { org: 'poster', role: Role.STAFF, sees: ALL, paths: ['task', 'move'] },
  'a caseworker of that organisation': { org: 'poster', role: Role.CASEWORKER, sees: ALL, paths: ['task'] },
  'a coordinator of that organisation': { org: 'poster', role: Role.COORDINATOR, sees: ALL, paths: ['task'] },
  'an auditor of that organisation': { org: 'poster', role: Role.AUDITOR, sees: 'hidden', paths: ['task'] },
  'a volunteer of that organisation': { org: 'poster', role: Role.VOLUNTEER, sees: 'hidden', paths: ['task'] },
  'another volunteer on the same task': { org: 'group', role: Role.VOLUNTEER, sees: 'hidden', paths: ['task'] },
  'the volunteer group’s coordinator': { org: 'group', role: Role.COORDINATOR, sees: 'hidden', paths: ['task'] },
  'staff of another organisation': { org: 'other', role: Role.STAFF, sees: 'hidden', paths: ['task'] },
};
const FIXTURE: Record<string, unknown> = {
  checkInPlace: { latitude: 39.9087, longitude: 116.3975, accuracyMeters: 12 },
  checkOutPlace: { latitude: 39.9088, longitude: 116.3976, accuracyMeters: null },
  report: '送餐到家，老人血压偏高，已提醒家属',
};
const FIELDS = [...sensitiveFieldsOf(TaskClaim)].filter(([, d]) => d.category !== 'none').map(([field, d]) => ({ field, category: d.category }));
const PLACE = 'latitude longitude accuracyMeters';
const SELECTION = `id status ${FIELDS.map((f) => (f.category === 'location' ? `${f.field} { ${PLACE} }` : f.field)).join(' ')}`;

describe('the access matrix for TaskClaim', () => {
  let app: TestApp;
  let taskId: string;
  let claimId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    const staff = await app.login('ngo@zhulian.demo');
    const posted = await staff.gql<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
      title: '送餐上门', skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 2,
      startsAt: new Date(Date.now() + 30 * 60_000).toISOString(), endsAt: new Date(Date.now() + 150 * 60_000).toISOString() } });
    taskId = posted.data!.postTask.id;
    const volunteer = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers, displayName: '程志愿' });
    const self = await app.signedInAs(volunteer.id, DEMO_ORGS.volunteers);
    sessions.set('the volunteer themself', self);
    claimId = (await self.gql<{ claimTask: { id: string } }>(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id } }`, { input: { taskId } })).data!.claimTask.id;
    const place = (p: Record<string, unknown>) => ({ latitude: p.latitude, longitude: p.longitude, ...(p.accuracyMeters === null ? {} : { accuracyMeters: p.accuracyMeters }) });
    expect((await self.gql(`mutation($input: CheckInInput!) { checkIn(input: $input) { id } }`,
      { input: { claimId, place: place(FIXTURE.checkInPlace as Record<string, unknown>) } })).errors).toBeUndefined();
    expect((await self.gql(`mutation($input: CheckOutInput!) { checkOut(input: $input) { id } }`,
      { input: { claimId, report: FIXTURE.report, place: place(FIXTURE.checkOutPlace as Record<string, unknown>) } })).errors).toBeUndefined();
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      if (sessions.has(name)) continue;
      const organisationId = { group: DEMO_ORGS.volunteers, poster: DEMO_ORGS.elderlyNgo, other: DEMO_ORGS.charity }[viewer.org];
      if (name === 'another volunteer on the same task') {
        const other = await makeVolunteer(app.db, { organisationId });
        const session = await app.signedInAs(other.id, organisationId);
        expect((await session.gql(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id } }`, { input: { taskId } })).errors).toBeUndefined();
        sessions.set(name, session);
        continue;
      }
      const user = await makeUser(app.db, { memberships: [{ organisationId, role: viewer.role }] });
      sessions.set(name, await app.signedInAs(user.id, organisationId));
    }
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared personal field', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE[field] !== undefined]).toEqual([field, true]);
  });

  const expected = (sees: Sees, field: string, category: FieldCategory): unknown => (sees === 'hidden' || !sees.includes(category) ? null : FIXTURE[field]);

  const cases = Object.entries(VIEWERS).flatMap(([name, viewer]) => [...viewer.paths, 'event' as const].map((path) => [name, path] as [string, Path]));
  describe.each(cases)('%s, through %s', (name, path) => {
    it('gets the claim with exactly the allowed fields, the rest null and named — or not at all', async () => {
      const viewer = VIEWERS[name];
      const session = sessions.get(name)!;
      let found: Record<string, unknown> | null | undefined;
      let res;
      if (path === 'mine') {
        res = await session.gql<{ myClaims: { edges: { node: Record<string, unknown> }[] } }>(`{ myClaims(first: 50) { edges { node { ${SELECTION} } } } }`);
        found = res.data!.myClaims.edges.map((e) => e.node).find((c) => c.id === claimId);
      } else if (path === 'task') {
        res = await session.gql<{ task: { claims: Record<string, unknown>[] } }>(`query($id: ID!) { task(id: $id) { claims { ${SELECTION} } } }`, { id: taskId });
        found = res.data!.task.claims.find((c) => c.id === claimId);
      } else if (path === 'event') {
        // An event about the task carries the claims the recipient may see, exactly as their own read of the task gives them.
        const { view, direct } = await app.eventPayload(session, undefined, 'Task', taskId);
        expect(view.data).toEqual(direct.data);
        expect(view.denied).toEqual(direct.denied);
        found = (view.data?.claims as Record<string, unknown>[] | undefined)?.find((c) => c.id === claimId);
        if (viewer.sees === 'hidden') {
          expect(found ?? null).toBeNull();
          return;
        }
        expect(found).toBeDefined();
        for (const { field, category } of FIELDS) if (field in found!) expect([field, found![field]]).toEqual([field, expected(viewer.sees, field, category)]);
        return;
      } else {
        // A move made on the claim answers with the claim: confirming the hours, by the task's staff.
        res = await session.gql<{ confirmHours: Record<string, unknown> }>(`mutation($input: ConfirmHoursInput!) { confirmHours(input: $input) { ${SELECTION} } }`,
          { input: { claimId, minutes: 60 } });
        expect(res.errors).toBeUndefined();
        found = res.data!.confirmHours;
      }
      if (viewer.sees === 'hidden') {
        expect(found ?? null).toBeNull();
        return;
      }
      for (const { field, category } of FIELDS) expect([field, found![field]]).toEqual([field, expected(viewer.sees, field, category)]);
      const denied = ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path.split('.').at(-1)).sort();
      expect(denied).toEqual(FIELDS.filter(({ field, category }) => expected(viewer.sees, field, category) === null).map((f) => f.field).sort());
    });
  });

  it('records in the audit trail who read where the volunteer was and their report, and on what grounds', async () => {
    await sessions.get('a caseworker of that organisation')!.gql(`query($id: ID!) { task(id: $id) { claims { id checkInPlace { latitude } report } } }`, { id: taskId });
    await app.auditLinked();
    const rows: { fields: string[]; grounds: { rule: string } }[] = await app.db.query(
      `SELECT fields, grounds FROM audit_events WHERE action = 'READ' AND subject_type = 'TaskClaim' AND subject_id = $1 AND grounds->>'rule' = 'role:CASEWORKER'`, [claimId]);
    expect(rows.flatMap((r) => r.fields).sort()).toEqual(expect.arrayContaining(['checkInPlace', 'report']));
  });
});
