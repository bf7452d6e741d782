import { CasesModule } from '@zhulian/cases';
import { APP_CONFIG, AppConfig } from '@zhulian/core';
import { seedDirectoryDemo } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { IdNumberVault, RegistryModule, seedRegistryDemo } from '@zhulian/registry';
import { SignedIn, TestApp } from '@zhulian/testing';
import { seedWorkDemo } from '../demo/work-demo';
import { ReferralsModule } from '../referrals.module';

type Page<T> = { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
type Order = { field: string; direction: 'ASC' | 'DESC' };

interface ReferralNode { id: string; status: string; urgency: string; serviceName: string | null; requestedAt: string | null; createdAt: string; answerBy: string | null }
interface CaseNode { id: string; caseNumber: string; priority: string; status: string; createdAt: string }

const REFERRALS = `query($first: Int, $after: String, $filter: ReferralFilter, $orderBy: ReferralOrder) {
  referrals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id status urgency serviceName requestedAt createdAt answerBy } } pageInfo { hasNextPage endCursor } }
  referralsCount(filter: $filter) }`;
const CASES = `query($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {
  cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id caseNumber priority status createdAt } } pageInfo { hasNextPage endCursor } } }`;

const URGENCY = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const PRIORITY = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];
const CASE_STATUS = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED'];
const REFERRAL_STATUS = ['DRAFT', 'REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED', 'ENTERED_IN_ERROR'];
const sentAt = (r: ReferralNode) => new Date(r.requestedAt ?? r.createdAt).getTime();
/** Code-point order, as the API sorts names and numbers (COLLATE "C"). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two rows by a list of keys, the first that differs deciding. */
const compareBy = <T,>(...keys: ((row: T) => number | string)[]) => (a: T, b: T) => {
  for (const key of keys) {
    const [x, y] = [key(a), key(b)];
    if (x !== y) return typeof x === 'string' ? byCodePoint(x, y as string) : (x as number) - (y as number);
  }
  return 0;
};

describe('sorted and searched lists', () => {
  let app: TestApp;
  let ngo: SignedIn;
  let coordinator: SignedIn;
  let caseworker: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    const vault = new IdNumberVault(app.app.get<AppConfig>(APP_CONFIG));
    await app.db.transaction(async (tx) => {
      await seedRegistryDemo(tx, vault);
      await seedDirectoryDemo(tx);
    });
    await app.db.transaction((tx) => seedWorkDemo(tx));
    [ngo, coordinator, caseworker] = await Promise.all([app.login('ngo@zhulian.demo'), app.login('jianwai@zhulian.demo'), app.login('caseworker@zhulian.demo')]);
  });
  afterAll(() => app.close());

  /** Every row of a list, page by page (`first` at a time), checking that no row comes twice. */
  async function pageThrough<T extends { id: string }>(session: SignedIn, query: string, field: string, variables: Record<string, unknown>, first = 3): Promise<T[]> {
    const rows: T[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i += 1) {
      const res = await session.gql<Record<string, Page<T>>>(query, { ...variables, first, after });
      expect(res.errors).toBeUndefined();
      const page: Page<T> = res.data![field];
      rows.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    return rows;
  }

  describe('the referral inbox', () => {
    it('opens on what needs an answer, the most urgent first, then the oldest request, with its deadline', async () => {
      const inbox = await pageThrough<ReferralNode>(ngo, REFERRALS, 'referrals', { filter: { direction: 'RECEIVED' } });
      expect(inbox.length).toBeGreaterThan(3);
      const pending = inbox.filter((r) => r.status === 'REQUESTED');
      expect(pending.length).toBeGreaterThan(1);
      // What needs an answer comes first, all of it.
      expect(inbox.slice(0, pending.length).every((r) => r.status === 'REQUESTED')).toBe(true);
      expect(pending).toEqual([...pending].sort(compareBy<ReferralNode>((r) => -URGENCY.indexOf(r.urgency), sentAt)));
      // Each pending one says when its answer is due: the request plus the inbox's expiry (the default 7 days).
      for (const r of pending) expect(new Date(r.answerBy!).getTime() - new Date(r.requestedAt!).getTime()).toBe(7 * 24 * 3_600_000);
      expect(inbox.filter((r) => r.status !== 'REQUESTED').every((r) => r.answerBy === null)).toBe(true);
      // One page of all of it is the same list as pages of three.
      const whole = await ngo.gql<{ referrals: Page<ReferralNode> }>(REFERRALS, { first: 100, filter: { direction: 'RECEIVED' } });
      expect(whole.data!.referrals.edges.map((e) => e.node.id)).toEqual(inbox.map((r) => r.id));
    });

    it.each<[string, (r: ReferralNode) => number | string]>([
      ['URGENCY', (r) => URGENCY.indexOf(r.urgency)],
      ['STATUS', (r) => REFERRAL_STATUS.indexOf(r.status)],
      ['SENT', sentAt],
      ['SERVICE', (r) => r.serviceName ?? ''],
    ])('sorts by %s either way, page after page, over the same rows', async (field, key) => {
      const unsorted = await pageThrough<ReferralNode>(ngo, REFERRALS, 'referrals', { filter: { direction: 'RECEIVED' } }, 100);
      for (const direction of ['ASC', 'DESC'] as const) {
        const rows = await pageThrough<ReferralNode>(ngo, REFERRALS, 'referrals', { filter: { direction: 'RECEIVED' }, orderBy: { field, direction } });
        const keys = rows.map(key);
        const sorted = [...keys].sort((a, b) => (typeof a === 'string' ? byCodePoint(a, b as string) : (a as number) - (b as number)));
        expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
        // A sort neither adds nor drops a row: it orders what the viewer may see, nothing else.
        expect(rows.map((r) => r.id).sort()).toEqual(unsorted.map((r) => r.id).sort());
      }
    });

    it('refuses a cursor made for another sort or for another viewer', async () => {
      const first = await ngo.gql<{ referrals: Page<ReferralNode> }>(REFERRALS, { first: 2, filter: { direction: 'RECEIVED' }, orderBy: { field: 'URGENCY', direction: 'DESC' } });
      const after = first.data!.referrals.pageInfo.endCursor;
      for (const [session, orderBy] of [[ngo, { field: 'URGENCY', direction: 'ASC' }], [ngo, { field: 'SENT', direction: 'DESC' }], [caseworker, { field: 'URGENCY', direction: 'DESC' }]] as const) {
        const res = await session.gql(REFERRALS, { first: 2, after, filter: { direction: 'RECEIVED' }, orderBy });
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
      }
    });

    it('finds referrals by service or organisation name; by case number only for those who may know the case', async () => {
      const sent = await coordinator.gql<{ referrals: Page<{ id: string; caseId: string; status: string; receiverOrganisationName: string }> }>(
        `{ referrals(first: 100, filter: { direction: SENT }) { edges { cursor node { id caseId status receiverOrganisationName } } pageInfo { hasNextPage endCursor } } }`);
      const toNgo = sent.data!.referrals.edges.map((e) => e.node).find((r) => r.receiverOrganisationName.includes('夕阳红') && r.status !== 'DRAFT')!;
      expect(toNgo).toBeDefined();
      const found = await coordinator.gql<{ case: { caseNumber: string } }>(`query($id: ID!) { case(id: $id) { caseNumber } }`, { id: toNgo.caseId });
      const caseNumber = found.data!.case.caseNumber;
      const search = async (session: SignedIn, text: string, direction: string) => {
        const res = await session.gql<{ referrals: Page<ReferralNode>; referralsCount: number }>(REFERRALS, { first: 100, filter: { direction, search: text } });
        expect(res.errors).toBeUndefined();
        expect(res.data!.referralsCount).toBe(res.data!.referrals.edges.length);
        return res.data!.referrals.edges.map((e) => e.node);
      };
      // The sender finds its referral by its case's number.
      expect((await search(coordinator, caseNumber, 'SENT')).map((r) => r.id)).toContain(toNgo.id);
      // The receiver may see the referral, never which case sent it: the same number finds nothing, nor counts anything.
      expect(await search(ngo, caseNumber, 'RECEIVED')).toEqual([]);
      expect(await search(ngo, caseNumber.slice(-9), 'RECEIVED')).toEqual([]);
      // A service's name and the sender's name are for everyone who sees the referral.
      const byService = await search(ngo, '助餐', 'RECEIVED');
      expect(byService.length).toBeGreaterThan(0);
      expect(byService.every((r) => r.serviceName?.includes('助餐'))).toBe(true);
      expect((await search(ngo, '建外', 'RECEIVED')).length).toBeGreaterThan(0);
    });

    it('refuses an empty or overlong search as bad input', async () => {
      for (const text of ['', 'x'.repeat(101)]) {
        const res = await ngo.gql(REFERRALS, { first: 5, filter: { search: text } });
        expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('cases', () => {
    it.each<[string, (k: CaseNode) => number | string]>([
      ['NUMBER', (k) => k.caseNumber],
      ['PRIORITY', (k) => PRIORITY.indexOf(k.priority)],
      ['STATUS', (k) => CASE_STATUS.indexOf(k.status)],
      ['OPENED', (k) => new Date(k.createdAt).getTime()],
    ])('sort by %s either way, page after page, over the same cases', async (field, key) => {
      for (const session of [coordinator, caseworker]) {
        const unsorted = await pageThrough<CaseNode>(session, CASES, 'cases', {}, 100);
        for (const direction of ['ASC', 'DESC'] as const) {
          const rows = await pageThrough<CaseNode>(session, CASES, 'cases', { orderBy: { field, direction } }, 7);
          const keys = rows.map(key);
          const sorted = [...keys].sort((a, b) => (typeof a === 'string' ? byCodePoint(a, b as string) : (a as number) - (b as number)));
          expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
          expect(rows.map((k) => k.id).sort()).toEqual(unsorted.map((k) => k.id).sort());
        }
      }
    });

    it('finds a case by part of its number, sorted as asked', async () => {
      const all = await pageThrough<CaseNode>(coordinator, CASES, 'cases', { orderBy: { field: 'NUMBER', direction: 'ASC' } }, 100);
      const wanted = all[Math.floor(all.length / 2)];
      const found = await pageThrough<CaseNode>(coordinator, CASES, 'cases', { filter: { caseNumber: wanted.caseNumber.slice(-4) }, orderBy: { field: 'NUMBER', direction: 'DESC' } });
      expect(found.map((k) => k.caseNumber)).toContain(wanted.caseNumber);
      expect(found.every((k) => k.caseNumber.endsWith(wanted.caseNumber.slice(-4)) || k.caseNumber.includes(wanted.caseNumber.slice(-4)))).toBe(true);
    });

    it('refuses a cursor made for another sort', async () => {
      const first = await coordinator.gql<{ cases: Page<CaseNode> }>(CASES, { first: 2, orderBy: { field: 'NUMBER', direction: 'ASC' } });
      const res = await coordinator.gql(CASES, { first: 2, after: first.data!.cases.pageInfo.endCursor, orderBy: { field: 'PRIORITY', direction: 'ASC' } });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    });
  });

  describe('members', () => {
    const MEMBERS = `query($first: Int, $after: String, $orderBy: MemberOrder, $search: String) {
      members(first: $first, after: $after, orderBy: $orderBy, search: $search) {
        edges { cursor node { id role status user { displayName email } } } pageInfo { hasNextPage endCursor } } }`;
    type MemberNode = { id: string; role: string; status: string; user: { displayName: string; email: string } };

    it('sort by name, e-mail and role either way, and are found by part of a name or an address', async () => {
      const unsorted = await pageThrough<MemberNode>(coordinator, MEMBERS, 'members', {}, 100);
      expect(unsorted.length).toBeGreaterThan(2);
      for (const [field, key] of [['NAME', (m: MemberNode) => m.user.displayName], ['EMAIL', (m: MemberNode) => m.user.email], ['ROLE', (m: MemberNode) => m.role]] as const) {
        for (const direction of ['ASC', 'DESC'] as const) {
          const rows = await pageThrough<MemberNode>(coordinator, MEMBERS, 'members', { orderBy: { field, direction } }, 2);
          const keys = rows.map(key);
          const sorted = [...keys].sort(byCodePoint);
          expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
          expect(rows.map((m) => m.id).sort()).toEqual(unsorted.map((m) => m.id).sort());
        }
      }
      const one = unsorted[1];
      const byName = await pageThrough<MemberNode>(coordinator, MEMBERS, 'members', { search: one.user.displayName.slice(0, 2) });
      expect(byName.map((m) => m.id)).toContain(one.id);
      const byEmail = await pageThrough<MemberNode>(coordinator, MEMBERS, 'members', { search: one.user.email.split('@')[0].toUpperCase() });
      expect(byEmail.map((m) => m.id)).toEqual([one.id]);
      // Only the organisation's own members: another organisation's colleague is not found by their address.
      expect(await pageThrough<MemberNode>(coordinator, MEMBERS, 'members', { search: 'ngo@zhulian.demo' })).toEqual([]);
    });
  });

  describe('the audit trail', () => {
    const TRAIL = `query($first: Int, $after: String, $orderBy: AuditOrder) {
      auditTrail(first: $first, after: $after, orderBy: $orderBy) { edges { cursor node { position action occurredAt } } pageInfo { hasNextPage endCursor } } }`;
    type Entry = { id: string; position: string; action: string; occurredAt: string };

    it('sorts by time and by action either way, page after page', async () => {
      // Work in the district's street office leaves a trail: people's records opened one by one (a list's page is one
      // event per kind of row, so it would leave too short a trail to page through), sign-ins.
      const listed = await coordinator.gql<{ people: { edges: { node: { id: string } }[] } }>(`{ people(first: 12) { edges { node { id fullName phone idNumber } } } }`);
      for (const { node } of listed.data!.people.edges) await coordinator.gql(`query($id: ID!) { person(id: $id) { id phone idNumber } }`, { id: node.id });
      await app.login('social@zhulian.demo');
      const auditor = await app.login('auditor@zhulian.demo');
      const read = async (orderBy?: Order) => {
        const rows = await pageThrough<Entry & { id: string }>(auditor, TRAIL.replace('node { position', 'node { id: position position'), 'auditTrail', orderBy ? { orderBy } : {}, 5);
        return rows;
      };
      const newest = await read();
      expect(newest.length).toBeGreaterThan(10);
      const oldest = await read({ field: 'TIME', direction: 'ASC' });
      expect(oldest.map((e) => e.position)).toEqual([...newest].reverse().map((e) => e.position));
      for (const direction of ['ASC', 'DESC'] as const) {
        const byAction = await read({ field: 'ACTION', direction });
        const keys = byAction.map((e) => e.action);
        const sorted = [...keys].sort(byCodePoint);
        expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
        expect(byAction.map((e) => e.position).sort()).toEqual(newest.map((e) => e.position).sort());
      }
    });
  });

  describe('people', () => {
    const PEOPLE = `query($first: Int, $after: String, $orderBy: PeopleOrder, $orderDirection: SortDirection) {
      people(first: $first, after: $after, orderBy: $orderBy, orderDirection: $orderDirection) {
        edges { cursor node { id fullName } } pageInfo { hasNextPage endCursor } } }`;

    it('by name, either way, lists only the people whose name the viewer may read', async () => {
      for (const session of [coordinator, caseworker, ngo]) {
        const all = await pageThrough<{ id: string; fullName: string | null }>(session, PEOPLE, 'people', {}, 100);
        const named = all.filter((p) => p.fullName !== null);
        for (const direction of ['ASC', 'DESC'] as const) {
          const res = await session.gql(PEOPLE, { first: 1, orderBy: 'NAME', orderDirection: direction });
          if (named.length === 0) {
            // Whoever may read no name may not sort by it: the order would reveal it.
            expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
            continue;
          }
          const rows = await pageThrough<{ id: string; fullName: string | null }>(session, PEOPLE, 'people', { orderBy: 'NAME', orderDirection: direction }, 5);
          expect(rows.every((p) => p.fullName !== null)).toBe(true);
          expect(rows.map((p) => p.id).sort()).toEqual(named.map((p) => p.id).sort());
          const names = rows.map((p) => p.fullName!);
          const sorted = [...names].sort(byCodePoint);
          expect(names).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
        }
      }
    });

    it('newest record first, page after page', async () => {
      const oldest = await pageThrough<{ id: string }>(coordinator, PEOPLE, 'people', {}, 100);
      const newest = await pageThrough<{ id: string }>(coordinator, PEOPLE, 'people', { orderDirection: 'DESC' }, 9);
      expect(newest.map((p) => p.id)).toEqual([...oldest].reverse().map((p) => p.id));
    });
  });
});
