import { gzipSync } from 'node:zlib';
import { seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { AppModule } from './app.module';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

interface Answer {
  status: number;
  body: { errors?: { extensions: { code: string; reason?: string; field?: string; requestId?: string } }[]; error?: { code: string; reason?: string; requestId?: string } };
}

/**
 * Input as an attacker (or a broken client) sends it: every answer is a 4xx with our error shape and a
 * stable code, never a 500 and never INTERNAL, and nothing changes.
 */
describe('hostile input', () => {
  let app: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
    caseworker = await app.login('caseworker@zhulian.demo');
  });
  afterAll(() => app.close());

  const send = async (body: string | Buffer, headers: Record<string, string>): Promise<Answer> => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${caseworker.accessToken}`, ...headers }, body });
    const text = await res.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      parsed = {};
    }
    return { status: res.status, body: parsed };
  };
  const codeOf = (answer: Answer) => answer.body.error?.code ?? answer.body.errors?.[0]?.extensions.code;
  const reasonOf = (answer: Answer) => answer.body.error?.reason ?? answer.body.errors?.[0]?.extensions.reason;
  const expectRefused = (answer: Answer, status: number, reason: string) => {
    expect([answer.status, codeOf(answer), reasonOf(answer)]).toEqual([status, 'BAD_USER_INPUT', reason]);
  };
  const me = JSON.stringify({ query: '{ me { id } }' });

  it.each([
    ['charset=utf-16', 'application/json; charset=utf-16'],
    ['charset=latin1', 'application/json; charset=latin1'],
    ['an empty charset', 'application/json; charset=""'],
  ])('answers a JSON body in an unsupported charset (%s) with 415', async (_name, contentType) => {
    expectRefused(await send(me, { 'content-type': contentType }), 415, 'UNSUPPORTED_CHARSET');
  });

  it.each([
    ['an unknown parameter without a value', 'application/json; boundary'],
    ['a broken parameter list', 'application/json; ;;='],
  ])('answers a content-type with %s with 400', async (_name, contentType) => {
    expectRefused(await send(me, { 'content-type': contentType }), 400, 'MALFORMED_CONTENT_TYPE');
  });

  it.each(['gzip', 'deflate', 'br'])('answers a %s body that does not decode with 400', async (encoding) => {
    expectRefused(await send(Buffer.from('this is not compressed at all'), { 'content-type': 'application/json', 'content-encoding': encoding }), 400,
      'UNREADABLE_REQUEST_BODY');
  });

  it('answers an encoding it does not speak with 415, and still reads a gzip body that decodes', async () => {
    expectRefused(await send(me, { 'content-type': 'application/json', 'content-encoding': 'compress' }), 415, 'UNSUPPORTED_CONTENT_ENCODING');
    const ok = await send(gzipSync(me), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(ok.status).toBe(200);
  });

  it.each([
    ['a login e-mail', LOGIN, { input: { email: 'a\ud83dz@example.org', password: 'x' } }, 'input.email'],
    ['a password', LOGIN, { input: { email: 'a@example.org', password: 'p\udc00w' } }, 'input.password'],
    ['a string in a search', `query($s: PeopleSearch) { people(search: $s) { edges { node { id } } } }`, { s: { name: '\ud800' } }, 'search.name'],
  ])('refuses a lone UTF-16 surrogate in %s like U+0000, at the field', async (_name, query, variables, field) => {
    const answer = await send(JSON.stringify({ query, variables }), { 'content-type': 'application/json' });
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CHARACTER', field });
  });

  it('refuses a literal nested thousands deep before parsing it', async () => {
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    for (const query of [`{ people(first: ${deep}) { edges { node { id } } } }`, `{ ${'me { '.repeat(5000)}id${' }'.repeat(5000)} }`,
      `{ people(search: { name: ${'{'.repeat(3000)} }) { edges { node { id } } } }`]) {
      const answer = await send(JSON.stringify({ query }), { 'content-type': 'application/json' });
      expect([answer.status, codeOf(answer), reasonOf(answer)]).toEqual([400, 'BAD_USER_INPUT', 'QUERY_TOO_DEEP']);
    }
    // Brackets in comments and strings are not nesting: such a query runs.
    const commented = await send(JSON.stringify({ query: `query { me { id } } # ${'{'.repeat(50_000)}` }), { 'content-type': 'application/json' });
    expect(commented.status).toBe(200);
    const quoted = await send(JSON.stringify({ query: `query { people(search: { name: "${'['.repeat(100)}" }) { edges { node { id } } } }` }), { 'content-type': 'application/json' });
    expect(quoted.status).toBe(200);
    // Deeply nested JSON variables likewise.
    const variables = `{"s":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    const answer = await send(`{"query":"query($s: PeopleSearch) { people(search: $s) { edges { node { id } } } }","variables":${variables}}`, { 'content-type': 'application/json' });
    expect(answer.status).toBeLessThan(500);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
