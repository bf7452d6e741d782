import { IdentityModule } from '../identity.module';
import { SignedIn, TestApp } from '@zhulian/testing';
import { DEMO_ORGS, seedIdentityDemo } from '../demo/identity-demo';

const LIST = `query($first: Int, $after: String, $kind: OrganisationKind) {
  organisations(first: $first, after: $after, kind: $kind) {
    edges { node { id name kind regionCode parent { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name kind regionCode parentId } }`;

interface ListPage {
  organisations: { edges: { node: { id: string; name: string; kind: string; parent: { id: string } | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

describe('organisations', () => {
  let app: TestApp;
  let admin: SignedIn;
  let caseworker: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule], seed: seedIdentityDemo });
    admin = await app.login('admin@zhulian.demo');
    caseworker = await app.login('caseworker@zhulian.demo');
  });
  afterAll(() => app.close());

  it('lists the alliance in pages, with each street office under its district office', async () => {
    const first = await caseworker.gql<ListPage>(LIST, { first: 4 });
    const second = await caseworker.gql<ListPage>(LIST, { first: 4, after: first.data!.organisations.pageInfo.endCursor });
    expect(first.data!.organisations.pageInfo.hasNextPage).toBe(true);
    expect(second.data!.organisations.pageInfo.hasNextPage).toBe(false);
    const all = [...first.data!.organisations.edges, ...second.data!.organisations.edges].map((e) => e.node);
    expect(all.map((o) => o.id)).toEqual(Object.values(DEMO_ORGS));
    expect(all.find((o) => o.id === DEMO_ORGS.streetJianwai)!.parent).toEqual({ id: DEMO_ORGS.district, name: '朝阳区民政局' });
  });

  it('filters by kind', async () => {
    const res = await caseworker.gql<ListPage>(LIST, { kind: 'NGO' });
    expect(res.data!.organisations.edges.map((e) => e.node.id)).toEqual([DEMO_ORGS.elderlyNgo, DEMO_ORGS.familyNgo]);
  });

  it('answers one organisation by id, NOT_FOUND for an unknown one and BAD_USER_INPUT for a malformed one', async () => {
    const one = await caseworker.gql(`query($id: ID!) { organisation(id: $id) { name } }`, { id: DEMO_ORGS.charity });
    expect(one.data).toEqual({ organisation: { name: '北京市朝阳区慈善协会' } });
    const missing = await caseworker.gql(`query($id: ID!) { organisation(id: $id) { name } }`, { id: '0193a000-0000-7000-8000-0000000000ff' });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    const malformed = await caseworker.gql(`query($id: ID!) { organisation(id: $id) { name } }`, { id: "1' OR '1'='1" });
    expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: 'id' });
  });

  it('lets a platform admin create an organisation under a parent', async () => {
    const res = await admin.gql(CREATE, { input: { name: ' 朝阳区呼家楼街道办事处 ', kind: 'GOVERNMENT_OFFICE', regionCode: '110105', parentId: DEMO_ORGS.district } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOrganisation).toMatchObject({ name: '朝阳区呼家楼街道办事处', regionCode: '110105', parentId: DEMO_ORGS.district });
  });

  it('refuses anyone else', async () => {
    const res = await caseworker.gql(CREATE, { input: { name: '某机构', kind: 'NGO', regionCode: '110105' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses unknown regions, unknown parents and duplicate names, and creates nothing', async () => {
    const cases = [
      [{ name: '甲', kind: 'NGO', regionCode: '1101' }, 'BAD_USER_INPUT', 'input.regionCode'],
      [{ name: '乙', kind: 'NGO', regionCode: '990101' }, 'BAD_USER_INPUT', 'input.regionCode'],
      [{ name: '丙', kind: 'NGO', regionCode: '110199' }, 'BAD_USER_INPUT', 'input.regionCode'],
      [{ name: '丁', kind: 'NGO', regionCode: '110105', parentId: '0193a000-0000-7000-8000-0000000000ff' }, 'BAD_USER_INPUT', 'input.parentId'],
      [{ name: '朝阳区民政局', kind: 'NGO', regionCode: '110105' }, 'CONFLICT', 'input.name'],
      [{ name: '   ', kind: 'NGO', regionCode: '110105' }, 'BAD_USER_INPUT', 'input.name'],
    ] as const;
    const before = await app.db.query(`SELECT count(*)::int AS n FROM organisations`);
    for (const [input, code, field] of cases) {
      const res = await admin.gql(CREATE, { input });
      expect(res.errors![0].extensions).toMatchObject({ code, field });
    }
    expect(await app.db.query(`SELECT count(*)::int AS n FROM organisations`)).toEqual(before);
  });
});
