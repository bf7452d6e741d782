import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { seedDirectoryDemo } from '../demo/directory-demo';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, sampleService, ServiceResult } from './service.fixtures';

type Node = { id: string; name: string; organisationName: string; capacity: { available: number } | null };
type Page = { services: { edges: { cursor: string; node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }; servicesCount: number };
const LIST = `query($filter: ServiceFilter, $orderBy: ServiceOrder, $first: Int, $after: String) {
  services(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { cursor node { id name organisationName capacity { available } } } pageInfo { hasNextPage endCursor } }
  servicesCount(filter: $filter) }`;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ELDERLY = ['居家上门照护', '日间照料', '长者助餐'];

describe('searching the directory', () => {
  let app: TestApp;
  let viewer: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    await app.db.transaction((tx) => seedDirectoryDemo(tx));
    const charity = await app.loginNewMember(DEMO.charity, Role.ORG_ADMIN);
    for (const overrides of [
      { name: '上门理发', description: '为行动不便的居民上门理发。', categories: ['DISABILITY'], serviceAreaCodes: ['110108'] },
      { name: '全市心理援助热线', description: '二十四小时电话倾听。', categories: ['MENTAL_HEALTH'], serviceAreaCodes: ['110000'] },
    ]) {
      const res = await charity.gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService({ locations: [], schedules: [], ...overrides }) });
      expect(res.errors).toBeUndefined();
    }
    viewer = await app.login('caseworker@zhulian.demo');
  });
  afterAll(() => app.close());

  const find = async (search: string, session = viewer) => {
    const res = await session.gql<Page>(LIST, { filter: { search }, orderBy: { field: 'NAME', direction: 'ASC' }, first: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.servicesCount).toBe(res.data!.services.edges.length);
    return res.data!.services.edges.map((e) => e.node.name);
  };

  it.each([
    ['老人, words of the descriptions and of the elderly-care category', '老人', ELDERLY],
    ['独居老人, a phrase holding a search word of the elderly-care category', '独居老人', ELDERLY],
    ['elderly, the category in English', 'elderly', ELDERLY],
    ['Elderly care, its English name', 'Elderly care', ELDERLY],
    ['夕阳红, the organisation’s name', '夕阳红', ELDERLY],
    ['沙盘, a word of one description only', '沙盘', ['儿童心理辅导']],
    ['海淀, an area: the services delivered there and those for all Beijing', '海淀', ['上门理发', '全市心理援助热线']],
    ['心理辅导, a part of a name and a search word', '心理辅导', ['儿童心理辅导', '日间照料', '全市心理援助热线'].sort(byCodePoint)],
  ])('finds %s', async (_what, search, expected) => {
    expect(await find(search)).toEqual(expected);
  });

  it('never finds a service by the address of a confidential place, not even for those who may see it', async () => {
    expect(await find('东坝乡')).toEqual([]);
    expect(await find('东坝乡', await app.login('ngo2@zhulian.demo'))).toEqual([]);
  });

  it.each(['NAME', 'ORGANISATION', 'PLACES', 'ADDED'])('sorts by %s either way, page after page, over the same services', async (field) => {
    const all = async (orderBy: Record<string, string> | undefined, first: number) => {
      const rows: Node[] = [];
      let after: string | null = null;
      do {
        const res: { data?: Page | null; errors?: unknown[] } = await viewer.gql<Page>(LIST, { orderBy, first, after });
        expect(res.errors).toBeUndefined();
        rows.push(...res.data!.services.edges.map((e) => e.node));
        after = res.data!.services.pageInfo.hasNextPage ? res.data!.services.pageInfo.endCursor : null;
      } while (after);
      return rows;
    };
    const unsorted = await all(undefined, 100);
    expect(unsorted.length).toBe(9);
    for (const direction of ['ASC', 'DESC']) {
      const rows = await all({ field, direction }, 2);
      expect(rows.map((r) => r.id).sort()).toEqual(unsorted.map((r) => r.id).sort());
      if (field === 'ADDED') continue;
      const key = (r: Node) => (field === 'NAME' ? r.name : field === 'ORGANISATION' ? `${r.organisationName}\u0000${r.name}` : String(1000 + (r.capacity?.available ?? -1)).padStart(5, '0'));
      const keys = rows.map(key);
      const sorted = [...keys].sort(byCodePoint);
      expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
    }
  });

  it('refuses a cursor of one sort in another', async () => {
    const first = await viewer.gql<Page>(LIST, { first: 2, orderBy: { field: 'NAME', direction: 'ASC' } });
    const res = await viewer.gql(LIST, { first: 2, after: first.data!.services.pageInfo.endCursor, orderBy: { field: 'ORGANISATION', direction: 'ASC' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });
});
