import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';
import { VolunteerProfile } from './volunteer-profile.type';

/**
 * The access matrix for VolunteerProfile, generated from its declarations: every viewer × every declared
 * field × every path that returns a volunteer (their own profile, the group's list, a task's claims). A new
 * field gets its expectation from its category and needs a fixture value.
 */
type Sees = FieldCategory[] | 'hidden';
type Viewer = { org: 'group' | 'poster' | 'other'; role: Role; sees: Sees; path: 'self' | 'group' | 'claims' };
const VIEWERS: Record<string, Viewer> = {
  'the volunteer themself': { org: 'group', role: Role.VOLUNTEER, sees: ['basic', 'contact', 'identity'], path: 'self' },
  'the group’s coordinator': { org: 'group', role: Role.COORDINATOR, sees: ['basic', 'contact', 'identity'], path: 'group' },
  'the group’s admin': { org: 'group', role: Role.ORG_ADMIN, sees: ['basic', 'contact', 'identity'], path: 'group' },
  'staff of the organisation whose task they hold': { org: 'poster', role: Role.STAFF, sees: ['basic', 'contact'], path: 'claims' },
  'a caseworker of that organisation': { org: 'poster', role: Role.CASEWORKER, sees: ['basic', 'contact'], path: 'claims' },
  'a volunteer of that organisation': { org: 'poster', role: Role.VOLUNTEER, sees: 'hidden', path: 'claims' },
  'an auditor of the group': { org: 'group', role: Role.AUDITOR, sees: 'hidden', path: 'group' },
  'staff of another organisation': { org: 'other', role: Role.STAFF, sees: 'hidden', path: 'claims' },
};
const FIXTURE: Record<string, unknown> = {
  displayName: '韦小宝', phone: '13744445555', idNumber: '110105194807150028', skills: ['COMPANIONSHIP'], areaCodes: ['110105'],
  availability: [{ day: 6, from: '09:00', to: '17:00' }], languages: ['zh'], identityCheckedAt: 'set', backgroundCheckValidUntil: '2030-06-30',
};
const FIELDS = [...sensitiveFieldsOf(VolunteerProfile)].filter(([, d]) => d.category !== 'none').map(([field, d]) => ({ field, category: d.category }));
const SELECTION = `userId ${FIELDS.map((f) => (f.field === 'availability' ? 'availability { day from to }' : f.field)).join(' ')}`;

describe('the access matrix for VolunteerProfile', () => {
  let app: TestApp;
  let volunteerId: string;
  let taskId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    const volunteer = await makeUser(app.db, { displayName: '韦小宝', phone: '13744445555', memberships: [{ organisationId: DEMO_ORGS.volunteers, role: Role.VOLUNTEER }] });
    volunteerId = volunteer.id;
    const self = await app.signedInAs(volunteer.id, DEMO_ORGS.volunteers);
    const saved = await self.gql(`mutation($input: VolunteerProfileInput!) { saveMyVolunteerProfile(input: $input) { userId } }`, { input: {
      skills: FIXTURE.skills, areaCodes: FIXTURE.areaCodes, availability: FIXTURE.availability, languages: FIXTURE.languages, idNumber: FIXTURE.idNumber } });
    expect(saved.errors).toBeUndefined();
    const keeper = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.volunteers, role: Role.COORDINATOR }] });
    const verified = await (await app.signedInAs(keeper.id, DEMO_ORGS.volunteers)).gql(
      `mutation($input: VerifyVolunteerInput!) { verifyVolunteer(input: $input) { userId } }`,
      { input: { userId: volunteerId, identityChecked: true, backgroundCheckValidUntil: FIXTURE.backgroundCheckValidUntil } });
    expect(verified.errors).toBeUndefined();
    const staff = await app.login('ngo@zhulian.demo');
    const posted = await staff.gql<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
      title: '陪伴探访', skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 1,
      startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3600_000).toISOString() } });
    taskId = posted.data!.postTask.id;
    expect((await self.gql(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id } }`, { input: { taskId } })).errors).toBeUndefined();
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      if (name === 'the volunteer themself') {
        sessions.set(name, self);
        continue;
      }
      const organisationId = { group: DEMO_ORGS.volunteers, poster: DEMO_ORGS.elderlyNgo, other: DEMO_ORGS.charity }[viewer.org];
      const user = await makeUser(app.db, { memberships: [{ organisationId, role: viewer.role }] });
      sessions.set(name, await app.signedInAs(user.id, organisationId));
    }
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE[field] !== undefined]).toEqual([field, true]);
  });

  const expected = (sees: Sees, field: string, category: FieldCategory): unknown => {
    if (sees === 'hidden' || !sees.includes(category)) return null;
    return field === 'identityCheckedAt' ? expect.any(String) : FIXTURE[field];
  };

  describe.each(Object.keys(VIEWERS))('%s', (name) => {
    it('sees exactly the allowed fields on the path that returns the volunteer to them, the rest null and named', async () => {
      const viewer = VIEWERS[name];
      const session = sessions.get(name)!;
      const query = {
        self: `{ myVolunteerProfile { ${SELECTION} } }`,
        group: `{ groupVolunteers(first: 100) { edges { node { ${SELECTION} } } } }`,
        claims: `query($id: ID!) { task(id: $id) { claims { volunteer { ${SELECTION} } } } }`,
      }[viewer.path];
      const res = await session.gql<Record<string, unknown>>(query, { id: taskId });
      let found: Record<string, unknown> | null | undefined;
      if (viewer.path === 'self') found = (res.data?.myVolunteerProfile ?? null) as Record<string, unknown> | null;
      if (viewer.path === 'group') {
        if (res.errors) {
          expect([viewer.sees, res.errors[0].extensions.code]).toEqual(['hidden', 'FORBIDDEN']);
          return;
        }
        found = (res.data!.groupVolunteers as { edges: { node: Record<string, unknown> }[] }).edges.map((e) => e.node).find((n) => n.userId === volunteerId);
      }
      if (viewer.path === 'claims') found = (res.data!.task as { claims: { volunteer: Record<string, unknown> | null }[] }).claims[0]?.volunteer;
      if (viewer.sees === 'hidden') {
        expect(found ?? null).toBeNull();
        return;
      }
      for (const { field, category } of FIELDS) expect([field, found![field]]).toEqual([field, expected(viewer.sees, field, category)]);
      const denied = ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path.split('.').at(-1)).sort();
      expect(denied).toEqual(FIELDS.filter(({ field, category }) => expected(viewer.sees, field, category) === null).map((f) => f.field).sort());
    });
  });
});
