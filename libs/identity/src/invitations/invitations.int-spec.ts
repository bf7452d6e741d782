import { Role } from '@zhulian/core';
import { IdentityModule } from '../identity.module';
import { makeOrganisation, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { DEMO_ORGS, seedIdentityDemo } from '../demo/identity-demo';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id email role expiresAt organisationId } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken user { email displayName } } }`;
const ME = `{ me { email displayName memberships { role status organisation { id } } } }`;

describe('invitations', () => {
  let app: TestApp;
  let orgadmin: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule], seed: seedIdentityDemo });
    orgadmin = await app.login('orgadmin@zhulian.demo');
  });
  afterAll(() => app.close());

  async function invite(email: string, role = Role.STAFF): Promise<string> {
    const res = await orgadmin.gql<{ inviteMember: { token: string } }>(INVITE, { input: { email, role } });
    expect(res.errors).toBeUndefined();
    return res.data!.inviteMember.token;
  }

  it('invites, accepts with a new password, and signs the new member in', async () => {
    const token = await invite('New.Member@Example.org', Role.CASEWORKER);
    const accepted = await app.gql<{ acceptInvitation: { accessToken: string; user: { email: string } } }>(ACCEPT, {
      input: { token, displayName: ' 新社工 ', password: 'a-good-password', phone: '13912340000' },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.user.email).toBe('new.member@example.org');
    const me = await app.gql(ME, {}, { token: accepted.data!.acceptInvitation.accessToken });
    expect(me.data).toEqual({
      me: { email: 'new.member@example.org', displayName: '新社工', memberships: [{ role: 'CASEWORKER', status: 'ACTIVE', organisation: { id: DEMO_ORGS.elderlyNgo } }] },
    });
    const signIn = await app.login('new.member@example.org', 'a-good-password');
    expect(signIn.accessToken).toBeTruthy();
  });

  it('accepts a link once only', async () => {
    const token = await invite('once@example.org');
    const input = { token, displayName: '一次', password: 'a-good-password' };
    expect((await app.gql(ACCEPT, { input })).errors).toBeUndefined();
    expect((await app.gql(ACCEPT, { input })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVITATION_INVALID', field: 'input.token' });
  });

  it('refuses an expired invitation and creates no account', async () => {
    const token = await invite('late@example.org');
    await app.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'late@example.org'`);
    const res = await app.gql(ACCEPT, { input: { token, displayName: '迟到', password: 'a-good-password' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVITATION_EXPIRED' });
    expect(await app.db.query(`SELECT 1 FROM users WHERE email = 'late@example.org'`)).toHaveLength(0);
  });

  it('adds an existing account to the organisation once its owner confirms their password', async () => {
    const elsewhere = await makeOrganisation(app.db);
    const user = await makeUser(app.db, { memberships: [{ organisationId: elsewhere.id, role: Role.STAFF }] });
    const token = await invite(user.email, Role.CASEWORKER);
    const wrong = await app.gql(ACCEPT, { input: { token, displayName: 'x', password: 'not-their-password' } });
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_PASSWORD', field: 'input.password' });
    const right = await app.gql<{ acceptInvitation: { accessToken: string } }>(ACCEPT, { input: { token, displayName: 'x', password: user.password } });
    expect(right.errors).toBeUndefined();
    const me = await app.gql<{ me: { memberships: { organisation: { id: string } }[] } }>(ME, {}, { token: right.data!.acceptInvitation.accessToken });
    expect(me.data!.me.memberships.map((m) => m.organisation.id).sort()).toEqual([DEMO_ORGS.elderlyNgo, elsewhere.id].sort());
  });

  it('refuses a weak password and a bad phone number, naming the field', async () => {
    const token = await invite('weak@example.org');
    expect((await app.gql(ACCEPT, { input: { token, displayName: '弱', password: 'short' } })).errors![0].extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect((await app.gql(ACCEPT, { input: { token, displayName: '弱', password: 'a-good-password', phone: '12345' } })).errors![0].extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
  });

  it('lets only admins invite, and only into their own organisation', async () => {
    const staff = await app.login('ngo@zhulian.demo');
    expect((await staff.gql(INVITE, { input: { email: 'x@example.org', role: 'STAFF' } })).errors![0].extensions)
      .toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect((await orgadmin.gql(INVITE, { input: { email: 'x@example.org', role: 'STAFF', organisationId: DEMO_ORGS.charity } })).errors![0].extensions)
      .toMatchObject({ code: 'FORBIDDEN', reason: 'OTHER_ORGANISATION' });
    const admin = await app.login('admin@zhulian.demo');
    const res = await admin.gql<{ inviteMember: { invitation: { organisationId: string } } }>(INVITE, {
      input: { email: 'charity-admin@example.org', role: 'ORG_ADMIN', organisationId: DEMO_ORGS.charity },
    });
    expect(res.data!.inviteMember.invitation.organisationId).toBe(DEMO_ORGS.charity);
  });

  it('refuses to invite someone who is already a member', async () => {
    const res = await orgadmin.gql(INVITE, { input: { email: 'ngo@zhulian.demo', role: 'STAFF' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MEMBER', field: 'input.email' });
  });
});
