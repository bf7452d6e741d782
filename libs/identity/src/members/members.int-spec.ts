import { Role } from '@zhulian/core';
import { IdentityModule } from '../identity.module';
import { makeOrganisation, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { DEMO_ORGS, seedIdentityDemo } from '../demo/identity-demo';

const MEMBERS = `query($first: Int, $after: String) {
  members(first: $first, after: $after) {
    edges { cursor node { id role status user { id displayName email phone } organisation { id } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;
const CHANGE_ROLE = `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id role } }`;
const DEACTIVATE = `mutation($id: ID!) { deactivateMember(membershipId: $id) { id status deactivatedAt } }`;

interface MembersPage {
  members: { edges: { cursor: string; node: { id: string; role: string; user: { id: string; phone: string | null } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('members of an organisation', () => {
  let app: TestApp;
  let orgadmin: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule], seed: seedIdentityDemo });
    orgadmin = await app.login('orgadmin@zhulian.demo');
  });
  afterAll(() => app.close());

  it('pages through members with no duplicate and no gap while members join between pages', async () => {
    const org = await makeOrganisation(app.db);
    const admin = await makeUser(app.db, { memberships: [{ organisationId: org.id, role: Role.ORG_ADMIN }] });
    for (let i = 0; i < 9; i += 1) await makeUser(app.db, { memberships: [{ organisationId: org.id, role: Role.STAFF }] });
    const session = await app.login(admin.email, admin.password);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof session.gql<MembersPage>>> = await session.gql<MembersPage>(MEMBERS, { first: 3, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.members.edges.map((e) => e.node.id));
      after = res.data!.members.pageInfo.hasNextPage ? res.data!.members.pageInfo.endCursor : null;
      // Someone joins while the list is being read: they appear at the end, nothing shifts.
      if (pages === 0) await makeUser(app.db, { memberships: [{ organisationId: org.id, role: Role.VOLUNTEER }] });
      pages += 1;
    } while (after);
    const all: { id: string }[] = await app.db.query(`SELECT id FROM memberships WHERE organisation_id = $1 ORDER BY id`, [org.id]);
    expect(seen).toEqual(all.map((r) => r.id));
    expect(new Set(seen).size).toBe(11);
  });

  it('shows colleagues’ names but not their phone numbers', async () => {
    const res = await orgadmin.gql<MembersPage>(MEMBERS);
    const others = res.data!.members.edges.filter((e) => e.node.user.id !== orgadmin.userId);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((e) => e.node.user.phone === null)).toBe(true);
  });

  it('keeps a volunteer group’s roster from its volunteers', async () => {
    const volunteer = await app.login('volunteer@zhulian.demo');
    expect((await volunteer.gql(MEMBERS)).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses page sizes out of range and broken cursors', async () => {
    expect((await orgadmin.gql(MEMBERS, { first: 0 })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await orgadmin.gql(MEMBERS, { first: 101 })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await orgadmin.gql(MEMBERS, { after: 'bm90LWEtY3Vyc29y' })).errors![0].extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR', field: 'after' });
  });

  it('lets an org admin change a role, and no one else', async () => {
    const member = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.elderlyNgo, role: Role.STAFF }] });
    const membershipId = member.memberships[0].id;
    const staff = await app.login('ngo@zhulian.demo');
    const refused = await staff.gql(CHANGE_ROLE, { input: { membershipId, role: Role.COORDINATOR } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const changed = await orgadmin.gql(CHANGE_ROLE, { input: { membershipId, role: Role.COORDINATOR } });
    expect(changed.data).toEqual({ changeMemberRole: { id: membershipId, role: 'COORDINATOR' } });
  });

  it('answers NOT_FOUND for a member of another organisation, as for one that does not exist', async () => {
    const outsider = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.charity, role: Role.STAFF }] });
    for (const membershipId of [outsider.memberships[0].id, '0193a000-0000-7000-8000-ffffffffffff']) {
      const res = await orgadmin.gql(CHANGE_ROLE, { input: { membershipId, role: Role.STAFF } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'MEMBER_NOT_FOUND' });
    }
  });

  it('keeps platform admin for platform admins to give', async () => {
    const member = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.elderlyNgo, role: Role.STAFF }] });
    const res = await orgadmin.gql(CHANGE_ROLE, { input: { membershipId: member.memberships[0].id, role: Role.PLATFORM_ADMIN } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTABLE' });
  });

  it('never leaves an organisation without an active admin', async () => {
    const org = await makeOrganisation(app.db);
    const admin = await makeUser(app.db, { memberships: [{ organisationId: org.id, role: Role.ORG_ADMIN }] });
    const session = await app.login(admin.email, admin.password);
    const membershipId = admin.memberships[0].id;
    expect((await session.gql(CHANGE_ROLE, { input: { membershipId, role: Role.STAFF } })).errors![0].extensions)
      .toMatchObject({ code: 'CONFLICT', reason: 'LAST_ORG_ADMIN' });
    expect((await session.gql(DEACTIVATE, { id: membershipId })).errors![0].extensions)
      .toMatchObject({ code: 'CONFLICT', reason: 'LAST_ORG_ADMIN' });
  });

  it('refuses a deactivated member’s open session at its very next request', async () => {
    const member = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.elderlyNgo, role: Role.STAFF }] });
    const session = await app.login(member.email, member.password);
    expect((await session.gql(MEMBERS)).errors).toBeUndefined();
    const res = await orgadmin.gql<{ deactivateMember: { status: string; deactivatedAt: string } }>(DEACTIVATE, { id: member.memberships[0].id });
    expect(res.data!.deactivateMember.status).toBe('DEACTIVATED');
    const next = await session.gql(MEMBERS);
    expect(next.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect((await app.gql(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: session.refreshToken })).errors![0].extensions.code)
      .toBe('UNAUTHENTICATED');
    const again = await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: member.email, password: member.password } });
    expect(again.errors![0].extensions.reason).toBe('INVALID_CREDENTIALS');
  });

  it('keeps a member’s other organisations working when one deactivates them', async () => {
    const other = await makeOrganisation(app.db);
    const member = await makeUser(app.db, {
      memberships: [{ organisationId: DEMO_ORGS.elderlyNgo, role: Role.STAFF }, { organisationId: other.id, role: Role.STAFF }],
    });
    const session = await app.login(member.email, member.password);
    await orgadmin.gql(DEACTIVATE, { id: member.memberships[0].id });
    expect((await session.gql(MEMBERS, {}, { organisationId: DEMO_ORGS.elderlyNgo })).errors![0].extensions)
      .toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' });
    expect((await session.gql(MEMBERS, {}, { organisationId: other.id })).errors).toBeUndefined();
  });
});
