import { seedIdentityDemo } from '@zhulian/identity';
import { TestApp } from '@zhulian/testing';
import { AppModule } from './app.module';

/** Every paged list, and the roles that may read it. */
const LISTS: [string, string, string][] = [
  ['people', `people(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
  ['people by name', `people(first: 2, after: $after, orderBy: NAME) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
  ['cases', `cases(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
  ['referrals', `referrals(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
  ['services', `services(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
  ['members', `members(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'orgadmin@zhulian.demo'],
  ['organisations', `organisations(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
  ['audit trail', `auditTrail(first: 2, after: $after) { edges { node { position } } pageInfo { endCursor } }`, 'auditor@zhulian.demo'],
  ['security alerts', `securityAlerts(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } }`, 'jianwai@zhulian.demo'],
];

const MALFORMED = [
  'not-a-cursor', '', '.', 'a.b.c', '%%%%', '\u0000', 'x'.repeat(500),
  Buffer.from('["0193a000-0000-7000-8000-000000000001"]').toString('base64url'),
  Buffer.from('[{"$gt":""}]').toString('base64url'),
  `${Buffer.from('["1 OR 1=1"]').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`,
];

/** A cursor is the server's own, for one list and one viewer: anything else is refused as bad input, never an internal error. */
describe('cursors on every list', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
  });
  afterAll(() => app.close());

  it.each(LISTS)('%s: refuses a malformed or forged cursor as BAD_USER_INPUT', async (_name, selection, email) => {
    const session = await app.login(email);
    for (const after of MALFORMED) {
      const res = await session.gql(`query($after: String) { ${selection} }`, { after });
      expect([after, res.errors?.[0]?.extensions]).toEqual([after, expect.objectContaining({ code: 'BAD_USER_INPUT' })]);
    }
  });

  it('refuses one list’s cursor on another, and one viewer’s cursor to another', async () => {
    const jianwai = await app.login('jianwai@zhulian.demo');
    const page = await jianwai.gql<{ organisations: { pageInfo: { endCursor: string } } }>(`{ organisations(first: 1) { pageInfo { endCursor } } }`);
    const cursor = page.data!.organisations.pageInfo.endCursor;
    expect((await jianwai.gql(`query($after: String) { services(after: $after) { edges { node { id } } } }`, { after: cursor })).errors![0].extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    for (const name of ['长者助餐', '上门探访']) {
      await jianwai.gql(`mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`, { input: { name, categories: ['ELDERLY_CARE'] } });
    }
    const services = await jianwai.gql<{ services: { pageInfo: { endCursor: string } } }>(`{ services(first: 1) { pageInfo { endCursor } } }`);
    expect(services.data!.services.pageInfo.endCursor).toEqual(expect.any(String));
    const other = await app.login('caseworker@zhulian.demo');
    expect((await other.gql(`query($after: String) { services(after: $after) { edges { node { id } } } }`, { after: services.data!.services.pageInfo.endCursor }))
      .errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });
});
