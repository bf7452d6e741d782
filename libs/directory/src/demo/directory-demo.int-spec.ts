import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { DEMO } from '../services/service.fixtures';
import { DEMO_SERVICES, demoServiceId, seedDirectoryDemo } from './directory-demo';

type Node = { id: string; name: string; organisationName: string; capacity: { available: number } | null; locations: { name: string; address: string | null; confidential: boolean }[] };
const LIST = `query($filter: ServiceFilter) { services(first: 100, filter: $filter) { edges { node { id name organisationName capacity { available }
  locations { name address confidential } } } } }`;

describe('the directory demo', () => {
  let app: TestApp;
  let first: { services: number };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    first = await app.db.transaction((tx) => seedDirectoryDemo(tx));
  });
  afterAll(() => app.close());

  const list = async (email: string, filter: Record<string, unknown> = {}) => {
    const res = await (await app.login(email)).gql<{ services: { edges: { node: Node }[] } }>(LIST, { filter });
    expect(res.errors).toBeUndefined();
    return res.data!.services.edges.map((e) => e.node);
  };

  it('loads the services of the two NGOs and the charity, and nothing more when loaded again', async () => {
    expect(first.services).toBe(7);
    expect(await app.db.transaction((tx) => seedDirectoryDemo(tx))).toEqual({ services: 0 });
    const services = await list('volunteer@zhulian.demo');
    expect(services.map((s) => `${s.organisationName} ${s.name}`)).toEqual([
      '朝阳区夕阳红养老服务中心 长者助餐', '朝阳区夕阳红养老服务中心 居家上门照护', '朝阳区夕阳红养老服务中心 日间照料',
      '朝阳区童心儿童与家庭服务社 儿童心理辅导', '朝阳区童心儿童与家庭服务社 临时庇护', '北京市朝阳区慈善协会 临时救助金', '北京市朝阳区慈善协会 助学金',
    ]);
  });

  it('has one full service and one confidential place, shown only to the family service', async () => {
    expect((await list('caseworker@zhulian.demo', { hasCapacity: false })).map((s) => s.name)).toEqual(['居家上门照护']);
    const shelter = (email: string) => list(email, { organisationId: DEMO.familyNgo, category: 'HOUSING' });
    expect((await shelter('ngo2@zhulian.demo'))[0].locations).toEqual([{ name: '童心临时庇护点', address: '北京市朝阳区东坝乡某小区7号楼2单元（保密）', confidential: true }]);
    for (const email of ['ngo@zhulian.demo', 'charity@zhulian.demo', 'jianwai@zhulian.demo']) {
      expect((await shelter(email))[0].locations).toEqual([{ name: '童心临时庇护点', address: null, confidential: true }]);
    }
  });

  it('keeps every demo service within the directory’s own rules: its export imports back unchanged', async () => {
    const admin = await app.login('orgadmin@zhulian.demo');
    const exported = await admin.gql<{ exportHsds: string }>(`{ exportHsds }`);
    const res = await admin.gql<{ importHsds: { unchanged: number; failed: number } }>(`mutation($json: String!) { importHsds(json: $json) { unchanged failed } }`,
      { json: exported.data!.exportHsds });
    expect(res.data!.importHsds).toEqual({ unchanged: 3, failed: 0 });
    expect(DEMO_SERVICES.filter((s) => s.organisationId === DEMO.elderlyNgo)).toHaveLength(3);
  });

  it('lets the elderly-care centre’s admin edit a demo service, and a second load keeps the edit', async () => {
    const admin = await app.login('orgadmin@zhulian.demo');
    const res = await admin.gql<{ setServiceCapacity: { capacity: { available: number } } }>(
      `mutation($input: SetServiceCapacityInput!) { setServiceCapacity(input: $input) { capacity { available } } }`, { input: { serviceId: demoServiceId(1), available: 20 } });
    expect(res.errors).toBeUndefined();
    await app.db.transaction((tx) => seedDirectoryDemo(tx));
    expect((await list('ngo@zhulian.demo', { search: '长者助餐' }))[0].capacity).toEqual({ available: 20 });
  });
});
