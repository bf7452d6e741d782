import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { committedStatement, SignedIn, statementsSentBy, TestApp } from '@zhulian/testing';
import { join } from 'node:path';
import { RegistryModule } from '../registry.module';

const HOLDER = '0193a000-0000-7000-8000-000000000002';
/** The statement of a caseworker's people page, committed so that a reviewer sees what runs (`UPDATE_SQL=1` rewrites it). */
const PAGE_SQL = join(__dirname, 'queries', 'people-page.caseworker.sql');

/** N+1 guard: a page of people costs the same number of SQL statements whatever its size. */
describe('SQL statements per request', () => {
  let app: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    caseworker = await app.loginNewMember(HOLDER, Role.CASEWORKER);
    for (let i = 0; i < 110; i += 1) {
      const res = await caseworker.gql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, {
        input: { fullName: `测试人员${i}`, regionCode: '110105', phone: `139${String(i).padStart(8, '0')}`, notes: '备注', newHousehold: { monthlyIncomeCents: 100000 + i } },
      });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(() => app.close());

  async function statementsFor(first: number): Promise<number> {
    const { result: res, texts } = await statementsSentBy(() => caseworker.gql<{ people: { edges: unknown[] } }>(
      `query($first: Int) { people(first: $first) { edges { node { id fullName phone idNumber notes
         household { id address monthlyIncomeCents members { id fullName phone relationToHead } } } } } peopleCount }`, { first }));
    expect(res.data!.people.edges).toHaveLength(first);
    if (process.env.SHOW_SQL) console.log(texts.map((text) => text.slice(0, 60)));
    return texts.length;
  }

  it('is the same for 10 and for 100 people, households and their members nested, reads and audit included', async () => {
    const ten = await app.withoutAuditLinking(() => statementsFor(10));
    const hundred = await app.withoutAuditLinking(() => statementsFor(100));
    expect(hundred).toBe(ten);
    // the session and actor (1), the page (1), the count (1), the page's households (1) and their
    // members (1), and the reads recorded for the audit trail (1; linked into the chain a moment later)
    expect(ten).toBe(6);
  });

  it('runs the committed statement for a caseworker’s page of people', async () => {
    // The page of bench/people.mjs (case A).
    const { result, texts } = await statementsSentBy(() => app.withoutAuditLinking(() => caseworker.gql<{ people: { edges: unknown[] } }>(`query {
      people(first: 25) { edges { node { id fullName gender birthYear phone idNumber regionCode monthlyIncomeCents } } } }`)));
    expect(result.data!.people.edges).toHaveLength(25);
    const [page] = texts.filter((t) => t.includes('FROM people p'));
    expect(page).toBeDefined();
    const { sent, committed } = committedStatement(PAGE_SQL, page);
    expect(sent).toBe(committed);
  });
});
