import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUERY_LIMITS } from '@zhulian/core';
import { SignedIn, TestApp } from '@zhulian/testing';
import { seedIdentityDemo } from '@zhulian/identity';
import { AppModule } from './app.module';

describe('the API over HTTP', () => {
  let app: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
    caseworker = await app.login('caseworker@zhulian.demo');
  });
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('reports the database on /health', async () => {
    const res = await fetch(`${app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('answers a body that is not JSON with 400 BAD_USER_INPUT', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_REQUEST_BODY', message: 'The request body is not valid JSON.' });
  });

  it('answers a body over the size limit with 413 BAD_USER_INPUT', async () => {
    const res = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(300 * 1024) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const res = await fetch(`${app.url}/admin.php`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a batch of operations', async () => {
    const res = await post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]), { authorization: `Bearer ${caseworker.accessToken}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: unknown }[] }).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses a GraphQL request without a JSON content type (CSRF)', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(res.status).toBe(400);
  });

  describe('query limits', () => {
    const refusedWith = async (query: string, reason: string) => {
      const res = await caseworker.gql(query);
      expect(res.status).toBe(400);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    };

    it(`refuses queries deeper than ${QUERY_LIMITS.maxDepth}`, () =>
      refusedWith(`{ me { memberships { organisation { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }`, 'QUERY_TOO_DEEP'));

    it(`refuses more than ${QUERY_LIMITS.maxAliases} aliases`, () =>
      refusedWith(`{ ${Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(' ')} }`, 'TOO_MANY_ALIASES'));

    it('refuses queries that would cost too much', () =>
      refusedWith(`{ a: organisations(first: 100) { edges { node { id name kind regionCode parent { id name parent { id name parent { id name } } } } } }
                     b: organisations(first: 100) { edges { node { id name kind regionCode parent { id name parent { id name parent { id name } } } } } } }`, 'QUERY_TOO_COSTLY'));

    it(`refuses queries longer than ${QUERY_LIMITS.maxTokens} tokens`, () =>
      refusedWith(`{ me { ${'id '.repeat(QUERY_LIMITS.maxTokens)} } }`, 'QUERY_TOO_LONG'));

    it('still answers an ordinary query', async () => {
      const res = await caseworker.gql(`{ me { displayName memberships { role organisation { name parent { name } } } } }`);
      expect(res.errors).toBeUndefined();
    });
  });

  it('refuses text with a NUL character instead of failing in the database', async () => {
    const res = await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: 'a@b.cn', password: 'x\u0000y' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CHARACTER', field: 'input.password' });
  });

  it('answers hostile input with errors a client can act on, never INTERNAL', async () => {
    const hostile = [
      [`{ organisation(id: "${'9'.repeat(5000)}") { id } }`, {}],
      [`query($n: Int) { organisations(first: $n) { edges { node { id } } } }`, { n: 2 ** 40 }],
      [`query($a: String) { organisations(after: $a) { edges { node { id } } } }`, { a: Buffer.from('["x","y","z"]').toString('base64url') }],
      [`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: { $ne: 1 }, password: ['x'] } }],
      [`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: 'a@b.cn', password: 'p', role: 'PLATFORM_ADMIN' } }],
      [`mutation { refreshSession(refreshToken: "${'\\u00e9'.repeat(2000)}") { accessToken } }`, {}],
      [`{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`, {}],
      [`query Q { ...F } fragment F on Query { ...F }`, {}],
    ] as const;
    for (const [query, variables] of hostile) {
      const res = await caseworker.gql(query, variables as Record<string, unknown>);
      expect(res.status).toBeLessThan(500);
      for (const error of res.errors ?? []) expect(error.extensions.code).not.toBe('INTERNAL');
    }
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });

  it('keeps passwords, tokens and phone numbers out of the logs, and tags each request with its id', async () => {
    const session = await app.login('ngo@zhulian.demo');
    await session.gql(`{ me { phone } }`, {}, { headers: { 'x-request-id': 'trace-me-123' } });
    await app.gql(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: session.refreshToken });
    const logs = app.logs();
    expect(logs).toContain('"reqId":"trace-me-123"');
    for (const secret of ['zhulian-demo', session.accessToken, session.refreshToken, '13800130004', session.accessToken.split('.')[2]]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('echoes the request id to the client', async () => {
    const res = await post('{"query":"{ __typename }"}', { 'x-request-id': 'abc-42' });
    expect(res.headers.get('x-request-id')).toBe('abc-42');
  });

  it('serves the sandbox and introspection outside production', async () => {
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const res = await app.gql(`{ __schema { queryType { name } } }`);
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('an unexpected fault', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
  });
  afterAll(() => app.close());

  it('is answered as INTERNAL with the request id and no internals, logged once, and the API keeps serving', async () => {
    const session = await app.login('caseworker@zhulian.demo');
    await app.db.query(`ALTER TABLE organisations RENAME TO organisations_gone`);
    const res = await session.gql(`{ organisations { edges { node { id } } } }`, {}, { headers: { 'x-request-id': 'fault-1' } });
    await app.db.query(`ALTER TABLE organisations_gone RENAME TO organisations`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'INTERNAL', requestId: 'fault-1' });
    expect(res.errors![0].message).not.toMatch(/organisations|relation|SELECT/i);
    const logged = app.logs().split('\n').filter((l) => l.includes('"unexpected error"'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('"requestId":"fault-1"');
    expect((await session.gql(`{ organisations { edges { node { id } } } }`)).errors).toBeUndefined();
  });
});

describe('in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => app.close());

  it('turns introspection, field suggestions and the sandbox off', async () => {
    const introspection = await app.gql(`{ __schema { queryType { name } } }`);
    expect(introspection.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const typo = await app.gql(`{ mee { id } }`);
    expect(typo.errors![0].message).not.toContain('Did you mean');
    const page = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
  });

  it('does not hand an invitation token to the inviting admin', async () => {
    const admin = await app.login('orgadmin@zhulian.demo');
    const res = await admin.gql(`mutation { inviteMember(input: { email: "p@example.org", role: STAFF }) { token } }`);
    expect(res.data).toEqual({ inviteMember: { token: null } });
  });
});

describe('serving the web app', () => {
  let app: TestApp;
  let web: string;
  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'zhulian-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>助联</title>');
    writeFileSync(join(web, 'assets', 'app-1a2b.js'), 'console.log(1)');
    app = await TestApp.create({ imports: [AppModule], env: { WEB_DIR: web } });
  });
  afterAll(() => app.close());

  it('serves the app’s page for its own routes, and its assets with long caching', async () => {
    for (const path of ['/', '/members', '/accept-invitation?token=abc']) {
      const res = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-cache']);
      expect(await res.text()).toContain('<title>助联</title>');
    }
    const asset = await fetch(`${app.url}/assets/app-1a2b.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the page with a content security policy, and security headers everywhere', async () => {
    const page = await fetch(`${app.url}/members`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const res of [page, await fetch(`${app.url}/health`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('leaves the API’s answers alone', async () => {
    expect((await fetch(`${app.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${app.url}/health`)).headers.get('content-type')).toContain('application/json');
    const bad = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { reason: string } }).error.reason).toBe('MALFORMED_REQUEST_BODY');
    const sandbox = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await sandbox.text()).not.toContain('<title>助联</title>');
    // An answer is personal to who asked: no cache keeps it, an error no more than data.
    for (const body of ['{"query": "{ __typename }"}', '{"query": "{ me { id } }"}']) {
      const answer = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect([body, answer.headers.get('cache-control')]).toEqual([body, 'no-store']);
    }
  });
});
