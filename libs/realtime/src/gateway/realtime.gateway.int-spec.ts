import { JwtService } from '@nestjs/jwt';
import { Role } from '@zhulian/core';
import { IdentityModule } from '@zhulian/identity';
import { makeOrganisation, makeUser, SignedIn, TestApp, TestSocket } from '@zhulian/testing';
import { EventKind } from '../events/event-kind';
import { EventFeed } from '../outbox/event-feed';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { NewEvent } from '../outbox/realtime-event';
import { RealtimeModule } from '../realtime.module';

const ALLOWED = 'https://partner.zhulian.example';
const NOTIFICATIONS = `query($unread: Boolean) { notifications(first: 10, unreadOnly: $unread) { edges { node { id eventId kind subjectId organisationId params { key value } readAt } } }
  unreadNotificationCount }`;

/** The realtime socket: who may connect, what reaches whom, in what order, and when a connection must end. */
describe('the realtime gateway', () => {
  let app: TestApp;
  let organisationId: string;
  let admin: SignedIn;
  let staff: { session: SignedIn; membershipId: string; userId: string };
  let caseworker: { session: SignedIn; userId: string };
  const sockets: TestSocket[] = [];

  const open = async (options: Parameters<typeof TestSocket.open>[1]) => {
    const socket = await TestSocket.open(app.url, options);
    sockets.push(socket);
    return socket;
  };
  const refusal = (options: Parameters<typeof TestSocket.open>[1]) => TestSocket.open(app.url, options).then(
    (socket) => {
      socket.close();
      return null;
    },
    (error: { data?: unknown }) => error.data);
  /** Publishes events as a change would (in a transaction), and waits until this process has handed them to its sockets. */
  const publish = async (events: NewEvent[], actor: { userId: string; organisationId: string } | null = null) => {
    await app.db.transaction((tx) => app.app.get(Outbox).publish(tx, actor && {
      userId: actor.userId, sessionId: 'x', memberships: [], acting: { membershipId: 'x', organisationId: actor.organisationId, role: Role.COORDINATOR },
    }, events));
    await app.app.get(OutboxRelay).publishNow();
    await app.app.get(EventFeed).catchUp();
  };
  const event = (kind: EventKind, audience: NewEvent['audience'], subjectId = '0193a000-0000-7000-8000-0000000000aa'): NewEvent =>
    ({ kind, subjectType: 'Nothing', subjectId, audience, params: { organisationName: '测试机构' } });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RealtimeModule], env: { ALLOWED_ORIGINS: ALLOWED } });
    organisationId = (await makeOrganisation(app.db)).id;
    const adminUser = await makeUser(app.db, { memberships: [{ organisationId, role: Role.ORG_ADMIN }] });
    admin = await app.signedInAs(adminUser.id, organisationId);
    const staffUser = await makeUser(app.db, { memberships: [{ organisationId, role: Role.STAFF }] });
    staff = { session: await app.signedInAs(staffUser.id, organisationId), membershipId: staffUser.memberships[0].id, userId: staffUser.id };
    const caseworkerUser = await makeUser(app.db, { memberships: [{ organisationId, role: Role.CASEWORKER }] });
    caseworker = { session: await app.signedInAs(caseworkerUser.id, organisationId), userId: caseworkerUser.id };
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => app.close());

  it('refuses a connection without a valid token, for an organisation the user is not in, or from a page not allowed', async () => {
    expect(await refusal({})).toEqual({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_REQUIRED' });
    expect(await refusal({ token: 'not-a-token' })).toEqual({ code: 'UNAUTHENTICATED', reason: 'ACCESS_TOKEN_INVALID' });
    const expired = app.app.get(JwtService).sign({ sub: staff.userId, sid: 'b5e1a7d0-0000-7000-8000-000000000001', typ: 'access' }, { expiresIn: -10, algorithm: 'HS256' });
    expect(await refusal({ token: expired })).toEqual({ code: 'UNAUTHENTICATED', reason: 'ACCESS_TOKEN_EXPIRED' });
    const other = (await makeOrganisation(app.db)).id;
    expect(await refusal({ token: staff.session.accessToken, organisationId: other })).toEqual({ code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' });
    expect(await refusal({ token: staff.session.accessToken, organisationId: 'x' })).toEqual({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_HEADER_INVALID' });
    expect(await refusal({ token: staff.session.accessToken, origin: 'https://evil.example' })).toEqual({ code: 'FORBIDDEN', reason: 'ORIGIN_NOT_ALLOWED' });
    // The allow-listed origin, the API's own and a client without one (not a browser) are admitted.
    expect(await refusal({ token: staff.session.accessToken, origin: ALLOWED })).toBeNull();
    expect(await refusal({ token: staff.session.accessToken, origin: new URL(app.url).origin })).toBeNull();
    expect(await refusal({ token: staff.session.accessToken, organisationId })).toBeNull();
  });

  it('delivers an event to the sockets it concerns only: the user named, or the organisation’s members in the roles named', async () => {
    const staffSocket = await open({ token: staff.session.accessToken, organisationId });
    const caseworkerSocket = await open({ token: caseworker.session.accessToken, organisationId });
    const adminSocket = await open({ token: admin.accessToken, organisationId });
    await publish([event(EventKind.REFERRAL_RECEIVED, [{ organisationId, roles: [Role.STAFF, Role.CASEWORKER] }])]);
    const received = await staffSocket.next((e) => e.kind === 'REFERRAL_RECEIVED');
    expect(received).toMatchObject({ subjectType: 'Nothing', params: { organisationName: '测试机构' }, data: null, denied: [] });
    await caseworkerSocket.next((e) => e.id === received.id);
    await publish([event(EventKind.REFERRAL_ROUTED, [{ userId: caseworker.userId }])]);
    const routed = await caseworkerSocket.next((e) => e.kind === 'REFERRAL_ROUTED');
    expect(routed.id).toBeGreaterThan(received.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(adminSocket.events).toEqual([]);
    expect(staffSocket.events.map((e) => e.kind)).toEqual(['REFERRAL_RECEIVED']);
  });

  it('replays, in order, what a reconnecting client missed and may see, and says when it missed more than is kept', async () => {
    const first = await open({ token: staff.session.accessToken, organisationId });
    await publish([event(EventKind.REFERRAL_EXPIRING, [{ organisationId, roles: [Role.STAFF] }])]);
    const seen = await first.next((e) => e.kind === 'REFERRAL_EXPIRING');
    first.close();
    await publish([
      event(EventKind.REFERRAL_EXPIRED, [{ organisationId, roles: [Role.STAFF] }]),
      event(EventKind.CASE_ASSIGNED, [{ userId: caseworker.userId }]),
      event(EventKind.REFERRAL_WITHDRAWN, [{ userId: staff.userId }]),
    ]);
    const again = await open({ token: staff.session.accessToken, organisationId, lastEventId: seen.id });
    expect(again.events.map((e) => e.kind)).toEqual(['REFERRAL_EXPIRED', 'REFERRAL_WITHDRAWN']);
    expect(again.events[0].id).toBeLessThan(again.events[1].id);
    expect(again.ready).toEqual({ lastEventId: again.events[1].id, complete: true });
    // Live events continue after the replay.
    await publish([event(EventKind.REFERRAL_RECEIVED, [{ userId: staff.userId }])]);
    const live = await again.next((e) => e.kind === 'REFERRAL_RECEIVED');
    expect(live.id).toBeGreaterThan(again.events[1].id);
    // Events older than the kept days are gone: a client that last saw one of them is told to reload.
    await app.db.query(`DELETE FROM outbox_events WHERE seq <= $1`, [seen.id + 1]);
    const late = await open({ token: staff.session.accessToken, organisationId, lastEventId: seen.id - 1 });
    expect(late.ready?.complete).toBe(false);
  });

  it('keeps a notification for each user concerned, except whoever caused it and those who muted its kind', async () => {
    const muted = await caseworker.session.gql(`mutation { setNotificationPreference(input: { kind: REFERRAL_ACCEPTED, muted: true }) { kind muted } }`);
    expect(muted.data).toEqual({ setNotificationPreference: { kind: 'REFERRAL_ACCEPTED', muted: true } });
    await publish([event(EventKind.REFERRAL_ACCEPTED, [{ organisationId, roles: [Role.STAFF, Role.CASEWORKER, Role.ORG_ADMIN] }])],
      { userId: (await admin.gql<{ me: { id: string } }>(`{ me { id } }`)).data!.me.id, organisationId });
    const staffList = await staff.session.gql<{ notifications: { edges: { node: { id: string; kind: string; organisationId: string; params: unknown[] } }[] }; unreadNotificationCount: number }>(NOTIFICATIONS, { unread: true });
    const accepted = staffList.data!.notifications.edges.map((e) => e.node).filter((n) => n.kind === 'REFERRAL_ACCEPTED');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ organisationId, params: [{ key: 'organisationName', value: '测试机构' }] });
    const mine = (s: SignedIn) => s.gql<{ notifications: { edges: { node: { kind: string } }[] } }>(NOTIFICATIONS).then((r) => r.data!.notifications.edges.map((e) => e.node.kind));
    expect(await mine(caseworker.session)).not.toContain('REFERRAL_ACCEPTED');
    expect(await mine(admin)).not.toContain('REFERRAL_ACCEPTED');
    // Marking read: one's own only; someone else's id changes nothing.
    const before = staffList.data!.unreadNotificationCount;
    expect((await caseworker.session.gql(`mutation($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) }`, { ids: [accepted[0].id] })).data).toEqual({ markNotificationsRead: 0 });
    expect((await staff.session.gql(`mutation($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) }`, { ids: [accepted[0].id] })).data).toEqual({ markNotificationsRead: 1 });
    expect((await staff.session.gql<{ unreadNotificationCount: number }>(`{ unreadNotificationCount }`)).data!.unreadNotificationCount).toBe(before - 1);
    const nothing = await staff.session.gql(`mutation { markNotificationsRead(input: {}) }`);
    expect(nothing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_MARK' });
  });

  it('closes a socket within 5 seconds of its member being deactivated or its session ending', async () => {
    const member = await makeUser(app.db, { memberships: [{ organisationId, role: Role.STAFF }] });
    const session = await app.signedInAs(member.id, organisationId);
    const socket = await open({ token: session.accessToken, organisationId });
    const other = await open({ token: caseworker.session.accessToken, organisationId });
    const started = Date.now();
    expect((await admin.gql(`mutation($id: ID!) { deactivateMember(membershipId: $id) { id } }`, { id: member.memberships[0].id })).errors).toBeUndefined();
    await socket.closed(5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(socket.closing[0]).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'ACCESS_REVOKED' });
    expect(other.disconnected).toBe(false);
    // Signing out ends the session, and its sockets with it.
    const leaving = await app.signedInAs(caseworker.userId, organisationId);
    const leavingSocket = await open({ token: leaving.accessToken, organisationId });
    expect((await leaving.gql(`mutation { logout }`)).errors).toBeUndefined();
    await leavingSocket.closed(5_000);
    expect(other.disconnected).toBe(false);
  });

  it('closes a socket whose token expires unless the client renews it in time, with a token of the same session', async () => {
    const sessionId = (await app.db.query(`SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL LIMIT 1`, [staff.userId]))[0].id as string;
    const sign = (seconds: number, sid = sessionId) => app.app.get(JwtService).sign({ sub: staff.userId, sid, typ: 'access' }, { expiresIn: seconds, algorithm: 'HS256' });
    const lapsing = await open({ token: sign(2), organisationId });
    const renewed = await open({ token: sign(2), organisationId });
    expect(await renewed.renew(sign(60, 'b5e1a7d0-0000-7000-8000-000000000002'))).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(await renewed.renew('garbage')).toEqual({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await renewed.renew(sign(60))).toMatchObject({ ok: true });
    await lapsing.closed(4_000);
    expect(lapsing.closing[0]).toMatchObject({ reason: 'ACCESS_TOKEN_EXPIRED' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(renewed.disconnected).toBe(false);
  });
});
