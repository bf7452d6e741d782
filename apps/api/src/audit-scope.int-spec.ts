import { Role } from '@zhulian/core';
import { seedIdentityDemo } from '@zhulian/identity';
import { makeConsent, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { AppModule } from './app.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const TRAIL = `query($f: String, $t: String, $actions: [String!], $category: String, $user: ID, $org: ID, $after: String, $first: Int) {
  auditTrail(first: $first, after: $after, from: $f, to: $t, actions: $actions, category: $category, actorUserId: $user, actorOrganisationId: $org) {
    edges { node { position action subjectType subjectId fields categories highlight rule consentIds actorName actorOrganisationName holderOrganisationNames } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type Entry = { position: number; action: string; subjectType: string; subjectId: string | null; fields: string[]; categories: string[]; highlight: string | null;
  rule: string | null; consentIds: string[]; actorName: string; actorOrganisationName: string; holderOrganisationNames: string | null };
type Trail = { auditTrail: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };

/** "Who saw this person's ID number, when and why", asked by the auditors entitled to ask it, across people. */
describe('the auditors of the holder and of the offices above it', () => {
  let app: TestApp;
  let personId: string;
  let ngo: SignedIn;
  const auditorOf = (organisationId: string) => app.loginNewMember(organisationId, Role.AUDITOR);
  const trail = async (auditor: SignedIn, variables: Record<string, unknown> = {}) => {
    const res = await auditor.gql<Trail>(TRAIL, { first: 100, ...variables });
    expect(res.errors).toBeUndefined();
    return res.data!.auditTrail.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
    const caseworker = await app.login('caseworker@zhulian.demo');
    personId = (await makePerson(caseworker, { fullName: '严秀英', birthDate: '1946-01-01', phone: '13677770000', idNumber: '11010519460101002X' })).id;
    await makeConsent(caseworker, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], purpose: 'SERVICE_DELIVERY', evidence: '服务同意书 A-3' });
    ngo = await app.login('ngo@zhulian.demo');
    // The NGO reads the person's phone on its consent; the district breaks the glass on the record.
    expect((await ngo.gql(`query($id: ID!) { person(id: $id) { fullName phone } }`, { id: personId })).data).toBeTruthy();
    const district = await app.login('coordinator@zhulian.demo');
    expect((await district.gql(`mutation($input: BreakGlassInput!) { breakGlass(input: $input) { idNumber } }`,
      { input: { personId, reason: '老人失联，需立即核实身份并联系家属' } })).errors).toBeUndefined();
  });
  afterAll(() => app.close());

  it('shows the holder’s auditor what another organisation did with its records, in words, highlighted where it matters', async () => {
    const entries = await trail(await auditorOf(JIANWAI), { user: null });
    const read = entries.find((e) => e.action === 'READ' && e.actorOrganisationName === '朝阳区夕阳红养老服务中心')!;
    expect(read).toMatchObject({ subjectId: personId, fields: ['phone'], categories: ['contact'], rule: 'consent', highlight: null,
      holderOrganisationNames: '朝阳区建外街道办事处' });
    expect(read.consentIds).toHaveLength(1);
    const opened = entries.find((e) => e.action === 'BREAK_GLASS')!;
    expect(opened).toMatchObject({ subjectId: personId, actorName: '李静', actorOrganisationName: '朝阳区民政局', highlight: 'BREAK_GLASS' });
    const identity = entries.find((e) => e.action === 'READ' && e.fields.includes('idNumber'))!;
    expect(identity).toMatchObject({ actorOrganisationName: '朝阳区民政局', rule: 'break-glass' });
    expect(identity.categories).toContain('identity');
  });

  it('shows the district’s auditor the same, and a sibling office’s auditor nothing of it', async () => {
    const district = await trail(await app.login('auditor@zhulian.demo'));
    expect(district.some((e) => e.actorOrganisationName === '朝阳区夕阳红养老服务中心' && e.subjectId === personId)).toBe(true);
    const sibling = await trail(await auditorOf(SANLITUN));
    expect(sibling.filter((e) => e.subjectId === personId)).toEqual([]);
  });

  it('filters by staff member, organisation, action, category and Beijing day, in SQL', async () => {
    const auditor = await auditorOf(JIANWAI);
    const byNgo = await trail(auditor, { org: ELDERLY_NGO });
    expect(byNgo.length).toBeGreaterThan(0);
    expect(byNgo.every((e) => e.actorOrganisationName === '朝阳区夕阳红养老服务中心')).toBe(true);
    const [ngoUser] = await app.db.query(`SELECT id FROM users WHERE email = 'ngo@zhulian.demo'`);
    expect((await trail(auditor, { user: ngoUser.id })).every((e) => e.actorName === '刘芳')).toBe(true);
    const identity = await trail(auditor, { category: 'identity' });
    expect(identity.length).toBeGreaterThan(0);
    expect(identity.every((e) => e.categories.includes('identity'))).toBe(true);
    expect((await trail(auditor, { actions: ['BREAK_GLASS', 'EXPORT'] })).map((e) => e.action)).toEqual(['BREAK_GLASS']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await trail(auditor, { f: today, t: today })).length).toBe((await trail(auditor)).length);
    expect(await trail(auditor, { f: '2020-01-01', t: '2020-01-31' })).toEqual([]);
    for (const [variables, reason] of [[{ f: '2026-02-30' }, 'INVALID_DATE'], [{ f: today, t: '2020-01-01' }, 'DATE_RANGE_REVERSED'],
      [{ category: 'secrets' }, 'INVALID_INPUT'], [{ actions: ['DROP'] }, 'INVALID_INPUT']] as const) {
      const res = await auditor.gql(TRAIL, variables);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
  });

  it('pages onward without repeating an entry', async () => {
    const auditor = await app.login('auditor@zhulian.demo');
    const first = await auditor.gql<Trail>(TRAIL, { first: 3 });
    const second = await auditor.gql<Trail>(TRAIL, { first: 3, after: first.data!.auditTrail.pageInfo.endCursor });
    const a = first.data!.auditTrail.edges.map((e) => e.node.position);
    const b = second.data!.auditTrail.edges.map((e) => e.node.position);
    expect(b.length).toBeGreaterThan(0);
    expect(Math.max(...b)).toBeLessThan(Math.min(...a));
  });
});
