import { JwtService } from '@nestjs/jwt';
import { Role } from '@zhulian/core';
import { IdentityModule } from '../identity.module';
import { makeOrganisation, makeUser, TestApp } from '@zhulian/testing';
import { DEMO_ORGS, DEMO_PASSWORD, seedIdentityDemo } from '../demo/identity-demo';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email displayName memberships { role } } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { id displayName phone memberships { role status organisation { id name } } } }`;

describe('sign-in and sessions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule], seed: seedIdentityDemo });
  });
  afterAll(() => app.close());

  const login = (email: string, password: string) => app.gql(LOGIN, { input: { email, password } });

  it('signs in a demo user and answers me with their organisation and role', async () => {
    const res = await login('Coordinator@Zhulian.demo ', DEMO_PASSWORD);
    expect(res.errors).toBeUndefined();
    const session = res.data!.login as { accessToken: string; user: { displayName: string; memberships: unknown[] } };
    expect(session.user.displayName).toBe('李静');
    expect(session.user.memberships).toEqual([{ role: 'COORDINATOR' }]); // the client picks its organisation from these
    const me = await app.gql<{ me: { phone: string; memberships: { role: string; organisation: { id: string } }[] } }>(ME, {}, { token: session.accessToken });
    expect(me.data!.me.phone).toBe('13800130002');
    expect(me.data!.me.memberships).toEqual([
      { role: Role.COORDINATOR, status: 'ACTIVE', organisation: { id: DEMO_ORGS.district, name: '朝阳区民政局' } },
    ]);
  });

  it('answers a wrong password and an unknown address alike', async () => {
    const wrong = await login('ngo@zhulian.demo', 'not-the-password');
    const unknown = await login('nobody@zhulian.demo', 'not-the-password');
    for (const res of [wrong, unknown]) {
      expect(res.data).toBeNull();
      expect(res.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    }
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('refuses malformed input as BAD_USER_INPUT naming the field', async () => {
    const res = await login('not-an-email', 'x');
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });

  it('locks an address after five failures, even for the right password, and the same for unknown addresses', async () => {
    const user = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.charity, role: Role.STAFF }] });
    for (const email of [user.email, 'ghost@example.org']) {
      for (let i = 0; i < 5; i += 1) {
        const res = await login(email, 'wrong-password');
        expect(res.errors![0].extensions.reason).toBe('INVALID_CREDENTIALS');
      }
    }
    const locked = await login(user.email, user.password);
    const ghost = await login('ghost@example.org', 'whatever');
    for (const res of [locked, ghost]) {
      expect(res.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'SIGN_IN_LOCKED' });
      expect(res.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(800);
    }
    // The lock lifts by itself once its time is over.
    await app.db.query(`UPDATE login_throttles SET locked_until = now() - interval '1 second'`);
    const after = await login(user.email, user.password);
    expect(after.errors).toBeUndefined();
  });

  it('counts parallel guesses one by one: of twelve wrong passwords at once, five are judged and seven refused as locked', async () => {
    const user = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.charity, role: Role.STAFF }] });
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(user.email, 'wrong-password')));
    const reasons = answers.map((a) => a.errors![0].extensions.reason);
    expect(reasons.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(reasons.filter((r) => r === 'SIGN_IN_LOCKED')).toHaveLength(7);
    expect((await login(user.email, user.password)).errors![0].extensions.reason).toBe('SIGN_IN_LOCKED');
    // Every test of this file signs in from 127.0.0.1: give the rest their per-network minute back.
    await app.db.query(`DELETE FROM rate_limits`);
  });

  it('keeps the per-network count in PostgreSQL, where every API node reads the same', async () => {
    const [before] = await app.db.query(`SELECT points FROM rate_limits WHERE key = 'sign-in-ip:127.0.0.1'`);
    await login('someone@example.org', 'x');
    const [after] = await app.db.query(`SELECT points FROM rate_limits WHERE key = 'sign-in-ip:127.0.0.1'`);
    expect(after.points).toBe((before?.points ?? 0) + 1);
  });

  it('rotates the refresh token and ends the whole session when a spent one comes back', async () => {
    const first = await app.login('ngo2@zhulian.demo');
    const second = await app.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, { t: first.refreshToken });
    const next = second.data!.refreshSession;
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect((await app.gql(ME, {}, { token: next.accessToken })).errors).toBeUndefined();

    const replay = await app.gql(REFRESH, { t: first.refreshToken });
    expect(replay.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
    // The family is revoked: the legitimate next token and its access token stop working too.
    const afterReplay = await app.gql(REFRESH, { t: next.refreshToken });
    expect(afterReplay.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_INVALID' });
    const me = await app.gql(ME, {}, { token: next.accessToken });
    expect(me.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    // Another session of the same user is untouched.
    const other = await app.login('ngo2@zhulian.demo');
    expect((await other.gql(ME)).errors).toBeUndefined();
  });

  it('lets exactly one of two simultaneous refreshes win', async () => {
    const session = await app.login('charity@zhulian.demo');
    const results = await Promise.all([app.gql(REFRESH, { t: session.refreshToken }), app.gql(REFRESH, { t: session.refreshToken })]);
    expect(results.filter((r) => r.data?.refreshSession)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions.reason === 'REFRESH_TOKEN_REUSED')).toHaveLength(1);
  });

  it('keeps a browser’s refresh token in an HttpOnly cookie that it spends and rotates', async () => {
    const browser = { 'x-session-transport': 'cookie' };
    const res = await app.gql<{ login: { accessToken: string; refreshToken: string | null } }>(LOGIN,
      { input: { email: 'ngo@zhulian.demo', password: DEMO_PASSWORD } }, { headers: browser });
    expect(res.data!.login.refreshToken).toBeNull();
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^zhulian_refresh=[\w-]{43}; Max-Age=\d+; Path=\/graphql; Expires=.*; HttpOnly; SameSite=Strict$/);
    const first = setCookie.split(';')[0];

    const refreshed = await app.gql<{ refreshSession: { accessToken: string; refreshToken: string | null } }>(
      `mutation { refreshSession { accessToken refreshToken } }`, {}, { headers: { ...browser, cookie: first } });
    expect(refreshed.data!.refreshSession).toMatchObject({ refreshToken: null });
    const second = refreshed.headers.get('set-cookie')!.split(';')[0];
    expect(second).not.toBe(first);

    const replay = await app.gql(`mutation { refreshSession { accessToken } }`, {}, { headers: { ...browser, cookie: first } });
    expect(replay.errors![0].extensions.reason).toBe('REFRESH_TOKEN_REUSED');
    expect(replay.headers.get('set-cookie')).toMatch(/^zhulian_refresh=;/);
    const none = await app.gql(`mutation { refreshSession { accessToken } }`, {}, { headers: browser });
    expect(none.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_MISSING' });
  });

  it('refuses an unknown refresh token without saying more', async () => {
    const res = await app.gql(REFRESH, { t: 'x'.repeat(43) });
    expect(res.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_INVALID' });
  });

  it('ends the session on logout: its access and refresh tokens stop working', async () => {
    const session = await app.login('volunteer@zhulian.demo');
    expect((await session.gql(`mutation { logout }`)).data).toEqual({ logout: true });
    expect((await session.gql(ME)).errors![0].extensions.reason).toBe('SESSION_ENDED');
    expect((await app.gql(REFRESH, { t: session.refreshToken })).errors![0].extensions.reason).toBe('REFRESH_TOKEN_INVALID');
  });

  it('refuses missing, forged and expired access tokens', async () => {
    const session = await app.login('volunteer2@zhulian.demo');
    expect((await app.gql(ME)).errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SIGN_IN_REQUIRED' });
    const forged = `${session.accessToken.slice(0, -4)}AAAA`;
    expect((await app.gql(ME, {}, { token: forged })).errors![0].extensions.reason).toBe('ACCESS_TOKEN_INVALID');
    const [, payload] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const expired = app.app.get(JwtService).sign({ sub: claims.sub, sid: claims.sid, typ: 'access' }, { expiresIn: -10 });
    expect((await app.gql(ME, {}, { token: expired })).errors![0].extensions.reason).toBe('ACCESS_TOKEN_EXPIRED');
  });

  it('acts in the organisation named by X-Organisation-Id, and only one the user belongs to', async () => {
    const a = await makeOrganisation(app.db);
    const b = await makeOrganisation(app.db);
    const user = await makeUser(app.db, { memberships: [{ organisationId: a.id, role: Role.STAFF }, { organisationId: b.id, role: Role.ORG_ADMIN }] });
    const session = await app.login(user.email, user.password);
    const MEMBERS = `{ members { edges { node { organisation { id } } } } }`;

    expect((await session.gql(ME)).errors).toBeUndefined(); // me needs no organisation
    expect((await session.gql(MEMBERS)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_REQUIRED' });
    const inB = await session.gql<{ members: { edges: { node: { organisation: { id: string } } }[] } }>(MEMBERS, {}, { organisationId: b.id });
    expect(inB.data!.members.edges.every((e) => e.node.organisation.id === b.id)).toBe(true);
    expect((await session.gql(MEMBERS, {}, { organisationId: DEMO_ORGS.district })).errors![0].extensions)
      .toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' });
    expect((await session.gql(MEMBERS, {}, { organisationId: 'district' })).errors![0].extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_HEADER_INVALID' });
  });
});

describe('sign-in rate limit per client address', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule] });
  });
  afterAll(() => app.close());

  it('refuses a client that tries too many addresses in a minute', async () => {
    const answers = [];
    for (let i = 0; i < 31; i += 1) {
      const res = await app.gql(LOGIN, { input: { email: `walker${i}@example.org`, password: 'guess' } });
      answers.push(res.errors![0].extensions.reason);
    }
    expect(answers.slice(0, 30).every((r) => r === 'INVALID_CREDENTIALS')).toBe(true);
    expect(answers[30]).toBe('TOO_MANY_SIGN_IN_ATTEMPTS');
  });
});
