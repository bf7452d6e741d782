import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, sampleService, ServiceResult } from './service.fixtures';

type Page = { services: { edges: { cursor: string; node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }; servicesCount: number };
const LIST = `query($filter: ServiceFilter, $first: Int, $after: String) {
  services(filter: $filter, first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } }
  servicesCount(filter: $filter) }`;

describe('browsing the directory', () => {
  let app: TestApp;
  let viewer: SignedIn;
  const made = new Map<string, string>();
  const names = async (filter: Record<string, unknown>) => {
    const res = await viewer.gql<Page>(LIST, { filter, first: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.servicesCount).toBe(res.data!.services.edges.length);
    return res.data!.services.edges.map((e) => e.node.name);
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    const elderly = await app.loginNewMember(DEMO.elderlyNgo, Role.COORDINATOR);
    const family = await app.loginNewMember(DEMO.familyNgo, Role.COORDINATOR);
    const charity = await app.loginNewMember(DEMO.charity, Role.ORG_ADMIN);
    const services: [SignedIn, Record<string, unknown>][] = [
      [elderly, { name: '社区老年助餐', categories: ['ELDERLY_CARE', 'BASIC_LIVING'], serviceAreaCodes: ['110105'], capacity: { available: 35, maximum: 120, unit: '份/日' } }],
      [elderly, { name: '居家上门照护', categories: ['ELDERLY_CARE', 'DISABILITY'], serviceAreaCodes: ['110105', '110101'], capacity: { available: 0, maximum: 40, unit: '户' } }],
      [elderly, { name: '日间照料中心', categories: ['ELDERLY_CARE'], serviceAreaCodes: ['110105'], status: 'TEMPORARILY_CLOSED', capacity: null }],
      [family, { name: '儿童心理辅导', alternateName: '童心热线', categories: ['MENTAL_HEALTH', 'CHILD_PROTECTION'], serviceAreaCodes: ['110000'], capacity: { available: 8, maximum: 20, unit: '人次/周' } }],
      [family, { name: '100%安心课堂', categories: ['EDUCATION'], serviceAreaCodes: ['110108'], capacity: null }],
      [charity, { name: '临时救助金', categories: ['TEMPORARY_EMERGENCY', 'BASIC_LIVING'], serviceAreaCodes: ['110105'], status: 'INACTIVE', capacity: { available: 12, maximum: 50, unit: '户' } }],
    ];
    for (const [session, overrides] of services) {
      const res = await session.gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService({ locations: [], schedules: [], ...overrides }) });
      expect(res.errors).toBeUndefined();
      made.set(res.data!.createService.name, res.data!.createService.id);
    }
    viewer = await app.loginNewMember(DEMO.jianwai, Role.VOLUNTEER);
  });
  afterAll(() => app.close());

  it('lists every service in the order they were added, page by page', async () => {
    const first = await viewer.gql<Page>(LIST, { first: 4 });
    expect(first.data!.services.edges.map((e) => e.node.name)).toEqual(['社区老年助餐', '居家上门照护', '日间照料中心', '儿童心理辅导']);
    expect(first.data!.services.pageInfo.hasNextPage).toBe(true);
    const second = await viewer.gql<Page>(LIST, { first: 4, after: first.data!.services.pageInfo.endCursor });
    expect(second.data!.services.edges.map((e) => e.node.name)).toEqual(['100%安心课堂', '临时救助金']);
    expect(second.data!.services.pageInfo.hasNextPage).toBe(false);
    expect(first.data!.servicesCount).toBe(6);
  });

  it.each([
    ['a category', { category: 'BASIC_LIVING' }, ['社区老年助餐', '临时救助金']],
    ['an organisation', { organisationId: DEMO.familyNgo }, ['儿童心理辅导', '100%安心课堂']],
    ['a status', { status: 'TEMPORARILY_CLOSED' }, ['日间照料中心']],
    ['free places', { hasCapacity: true }, ['社区老年助餐', '儿童心理辅导', '临时救助金']],
    ['full services', { hasCapacity: false }, ['居家上门照护']],
    ['a district, counting services for the whole city', { regionCode: '110105' }, ['社区老年助餐', '居家上门照护', '日间照料中心', '儿童心理辅导', '临时救助金']],
    ['another district', { regionCode: '110108' }, ['儿童心理辅导', '100%安心课堂']],
    ['a part of the name', { search: '助餐' }, ['社区老年助餐']],
    ['the alternate name', { search: '热线' }, ['儿童心理辅导']],
    ['a name with a slip of the pen', { search: '儿童心里辅导' }, ['儿童心理辅导']],
    ['a percent sign, as a character', { search: '100%' }, ['100%安心课堂']],
    ['several criteria at once', { category: 'ELDERLY_CARE', hasCapacity: true, regionCode: '110105' }, ['社区老年助餐']],
  ])('filters by %s, in SQL, with a count to match', async (_name, filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('refuses a malformed filter as bad input', async () => {
    for (const filter of [{ regionCode: '11' }, { category: 'elderly care' }, { organisationId: 'nope' }, { search: 'x'.repeat(101) }]) {
      const res = await viewer.gql<Page>(LIST, { filter });
      expect([filter, res.errors?.[0].extensions.code]).toEqual([filter, 'BAD_USER_INPUT']);
    }
  });

  it('asks someone with several organisations which one they act for', async () => {
    const user = await makeUser(app.db, { memberships: [{ organisationId: DEMO.jianwai, role: Role.STAFF }, { organisationId: DEMO.charity, role: Role.STAFF }] });
    const session = await app.login(user.email, user.password);
    const res = await session.gql(LIST, {});
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_REQUIRED' });
    const chosen = await session.gql<Page>(LIST, {}, { organisationId: DEMO.charity });
    expect(chosen.data!.servicesCount).toBe(6);
  });
});
