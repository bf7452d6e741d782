import { Role } from '@zhulian/core';
import { makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { DEMO_ORGS, seedIdentityDemo } from '../demo/identity-demo';
import { IdentityModule } from '../identity.module';

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { token invitation { id status needsApproval } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }`;
const PREVIEW = `query($token: String!) { invitationPreview(token: $token) { status organisationName role } }`;
const INVITATIONS = `{ invitations(first: 50) { edges { node { id email role status } } } }`;

type Ticket = { token: string; invitation: { id: string; status: string; needsApproval: boolean } };

/** Nobody reaches beyond their organisation by handing out roles, and nobody comes back by a forgotten link. */
describe('roles and invitations, as an attacker would try them', () => {
  let app: TestApp;
  let ngoAdmin: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule], seed: seedIdentityDemo });
    ngoAdmin = await app.login('orgadmin@zhulian.demo');
  });
  afterAll(() => app.close());

  const invite = (session: SignedIn, input: Record<string, unknown>) => session.gql<{ inviteMember: Ticket }>(INVITE, { input });
  const accept = (token: string, password = 'a-good-password-1') =>
    app.gql<{ acceptInvitation: { accessToken: string } }>(ACCEPT, { input: { token, displayName: '新成员', password } });
  const membershipStatus = async (email: string, organisationId: string) => (await app.db.query(
    `SELECT m.status FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.organisation_id = $2`, [email, organisationId]))[0]?.status;

  it('lets an organisation hand out only the roles its kind has', async () => {
    const roles = await ngoAdmin.gql<{ grantableRoles: string[] }>(`{ grantableRoles }`);
    expect(roles.data!.grantableRoles).toEqual(['ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF']);
    for (const role of [Role.AUDITOR, Role.VOLUNTEER]) {
      const res = await invite(ngoAdmin, { email: `x-${role}@example.org`, role });
      expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_FOR_ORGANISATION_KIND' });
    }
    const member = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.elderlyNgo, role: Role.STAFF }] });
    const promote = await ngoAdmin.gql(`mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { role } }`,
      { input: { membershipId: member.memberships[0].id, role: Role.AUDITOR } });
    expect(promote.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_FOR_ORGANISATION_KIND' });
    const platform = await invite(ngoAdmin, { email: 'x-platform@example.org', role: Role.PLATFORM_ADMIN });
    expect(platform.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTABLE' });
  });

  it('makes a platform admin’s invitation into another organisation wait for that organisation’s admin', async () => {
    const platformAdmin = await app.login('admin@zhulian.demo');
    const sent = await invite(platformAdmin, { email: 'admin@zhulian.demo', role: Role.ORG_ADMIN, organisationId: DEMO_ORGS.elderlyNgo });
    expect(sent.data!.inviteMember.invitation).toMatchObject({ status: 'AWAITING_APPROVAL', needsApproval: true });
    const { token, invitation } = sent.data!.inviteMember;
    const early = await accept(token, 'zhulian-demo');
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVITATION_AWAITING_APPROVAL' });
    expect(await membershipStatus('admin@zhulian.demo', DEMO_ORGS.elderlyNgo)).toBeUndefined();
    // The platform admin cannot approve it for the organisation.
    const self = await platformAdmin.gql(`mutation($id: ID!) { approveInvitation(id: $id) { id } }`, { id: invitation.id });
    expect(self.errors![0].extensions.code).toBe('FORBIDDEN');
    // The NGO's admin sees it waiting, and approves it (or revokes it to decline).
    const waiting = await ngoAdmin.gql<{ invitations: { edges: { node: { id: string; status: string } }[] } }>(INVITATIONS);
    expect(waiting.data!.invitations.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ id: invitation.id, status: 'AWAITING_APPROVAL' }));
    expect((await ngoAdmin.gql(`mutation($id: ID!) { approveInvitation(id: $id) { status } }`, { id: invitation.id })).data).toEqual({ approveInvitation: { status: 'PENDING' } });
    expect((await accept(token, 'zhulian-demo')).errors).toBeUndefined();
    expect(await membershipStatus('admin@zhulian.demo', DEMO_ORGS.elderlyNgo)).toBe('ACTIVE');
  });

  it('revokes a member’s pending invitations when they are deactivated, so none lets them back in', async () => {
    const first = await invite(ngoAdmin, { email: 'leaver@example.org', role: Role.STAFF });
    expect((await accept(first.data!.inviteMember.token)).errors).toBeUndefined();
    // A second invitation was sent by mistake before the first was accepted.
    const spare = await invite(ngoAdmin, { email: 'leaver-2@example.org', role: Role.STAFF });
    await app.db.query(`UPDATE invitations SET email = 'leaver@example.org' WHERE id = $1`, [spare.data!.inviteMember.invitation.id]);
    const [membership] = await app.db.query(
      `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'leaver@example.org' AND m.organisation_id = $1`, [DEMO_ORGS.elderlyNgo]);
    expect((await ngoAdmin.gql(`mutation($id: ID!) { deactivateMember(membershipId: $id) { status } }`, { id: membership.id })).errors).toBeUndefined();
    const back = await accept(spare.data!.inviteMember.token);
    expect(back.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVITATION_INVALID' });
    expect(await membershipStatus('leaver@example.org', DEMO_ORGS.elderlyNgo)).toBe('DEACTIVATED');
    expect((await app.gql<{ invitationPreview: unknown }>(PREVIEW, { token: spare.data!.inviteMember.token })).data!.invitationPreview)
      .toEqual({ status: 'REVOKED', organisationName: null, role: null });
  });

  it('lists pending invitations to the admin, who revokes one or resends it with a new link that replaces the old', async () => {
    const one = (await invite(ngoAdmin, { email: 'pending-1@example.org', role: Role.CASEWORKER })).data!.inviteMember;
    const two = (await invite(ngoAdmin, { email: 'pending-2@example.org', role: Role.STAFF })).data!.inviteMember;
    const listed = await ngoAdmin.gql<{ invitations: { edges: { node: { email: string } }[] } }>(INVITATIONS);
    expect(listed.data!.invitations.edges.map((e) => e.node.email)).toEqual(expect.arrayContaining(['pending-1@example.org', 'pending-2@example.org']));
    expect((await app.gql<{ invitationPreview: unknown }>(PREVIEW, { token: one.token })).data!.invitationPreview)
      .toEqual({ status: 'PENDING', organisationName: '朝阳区夕阳红养老服务中心', role: 'CASEWORKER' });

    expect((await ngoAdmin.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { status } }`, { id: one.invitation.id })).data)
      .toEqual({ revokeInvitation: { status: 'REVOKED' } });
    expect((await accept(one.token)).errors![0].extensions.reason).toBe('INVITATION_INVALID');

    const resent = await ngoAdmin.gql<{ resendInvitation: { token: string } }>(`mutation($id: ID!) { resendInvitation(id: $id) { token invitation { status } } }`,
      { id: two.invitation.id });
    const fresh = resent.data!.resendInvitation.token;
    expect(fresh).not.toBe(two.token);
    expect((await accept(two.token)).errors![0].extensions.reason).toBe('INVITATION_INVALID');
    expect((await accept(fresh)).errors).toBeUndefined();
    // Another organisation's admin cannot touch them, and a link that never was says nothing.
    const other = await app.login('social@zhulian.demo', undefined, DEMO_ORGS.familyNgo).catch(() => null);
    expect(other).not.toBeNull();
    expect((await app.gql<{ invitationPreview: unknown }>(PREVIEW, { token: 'x'.repeat(43) })).data!.invitationPreview)
      .toEqual({ status: null, organisationName: null, role: null });
  });

  it('brakes password guessing through an invitation like a sign-in', async () => {
    const owner = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.charity, role: Role.STAFF }] });
    const { token } = (await invite(ngoAdmin, { email: owner.email, role: Role.STAFF })).data!.inviteMember;
    const answers = await Promise.all(Array.from({ length: 8 }, () => accept(token, 'wrong-password-123')));
    const reasons = answers.map((a) => a.errors![0].extensions.reason);
    expect(reasons.filter((r) => r === 'WRONG_PASSWORD')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'SIGN_IN_LOCKED')).toHaveLength(3);
  });
});
