import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';

const REGISTER = `mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { id relationToHead household { id regionCode address monthlyIncomeCents members { id fullName relationToHead } } }
}`;
type Registered = { id: string; relationToHead: string | null; household: { id: string; address: string | null; monthlyIncomeCents: number | null; members: { id: string; fullName: string; relationToHead: string }[] } | null };

describe('households', () => {
  let app: TestApp;
  let caseworker: SignedIn;
  let head: Registered;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    caseworker = await app.login('caseworker@zhulian.demo');
    const res = await caseworker.gql<{ registerPerson: Registered }>(REGISTER, {
      input: { fullName: '孙建国', regionCode: '110105', address: '朝阳区建外街道光华里 8 号', newHousehold: { monthlyIncomeCents: 420000 } },
    });
    expect(res.errors).toBeUndefined();
    head = res.data!.registerPerson;
  });
  afterAll(() => app.close());

  const register = (as: SignedIn, input: Record<string, unknown>) => as.gql<{ registerPerson: Registered }>(REGISTER, { input });

  it('founds a household with the person registered as its head, taking their address', () => {
    expect(head.relationToHead).toBe('HEAD');
    expect(head.household).toEqual({
      id: expect.any(String), regionCode: '110105', address: '朝阳区建外街道光华里 8 号', monthlyIncomeCents: 420000,
      members: [{ id: head.id, fullName: '孙建国', relationToHead: 'HEAD' }],
    });
  });

  it('adds members with their relation to the head, head first', async () => {
    const spouse = await register(caseworker, { fullName: '李桂英', regionCode: '110105', householdId: head.household!.id, relationToHead: 'SPOUSE' });
    expect(spouse.errors).toBeUndefined();
    const child = await register(caseworker, { fullName: '孙小明', regionCode: '110105', birthDate: '2015-06-01', householdId: head.household!.id, relationToHead: 'CHILD' });
    expect(child.data!.registerPerson.household!.members.map((m) => [m.fullName, m.relationToHead])).toEqual([
      ['孙建国', 'HEAD'], ['李桂英', 'SPOUSE'], ['孙小明', 'CHILD'],
    ]);
  });

  it('refuses a second head, and a relation without a household, changing nothing', async () => {
    const before = await app.db.query(`SELECT count(*)::int AS n FROM people`);
    const second = await register(caseworker, { fullName: '孙建军', regionCode: '110105', householdId: head.household!.id, relationToHead: 'HEAD' });
    expect(second.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_HAS_HEAD', field: 'input.relationToHead' });
    const orphan = await register(caseworker, { fullName: '孙建军', regionCode: '110105', relationToHead: 'SIBLING' });
    expect(orphan.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOUSEHOLD_REQUIRED' });
    const noRelation = await register(caseworker, { fullName: '孙建军', regionCode: '110105', householdId: head.household!.id });
    expect(noRelation.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RELATION_REQUIRED' });
    const both = await register(caseworker, { fullName: '孙建军', regionCode: '110105', householdId: head.household!.id, relationToHead: 'SIBLING', newHousehold: {} });
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HOUSEHOLD_CHOICE' });
    const founderNotHead = await register(caseworker, { fullName: '孙建军', regionCode: '110105', relationToHead: 'CHILD', newHousehold: {} });
    expect(founderNotHead.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FOUNDER_IS_HEAD' });
    expect(await app.db.query(`SELECT count(*)::int AS n FROM people`)).toEqual(before);
  });

  it('does not let another organisation add people to a household it does not hold', async () => {
    const other = await app.loginNewMember(SANLITUN, Role.COORDINATOR);
    const res = await register(other, { fullName: '外人', regionCode: '110105', householdId: head.household!.id, relationToHead: 'OTHER' });
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'HOUSEHOLD_NOT_FOUND', field: 'input.householdId' });
    const look = await other.gql(`query($id: ID!) { household(id: $id) { id } }`, { id: head.household!.id });
    expect(look.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('shows another caseworker of the holder the household’s basic facts and members, not its income or address', async () => {
    const colleague = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const res = await colleague.gql<{ household: Record<string, unknown> }>(
      `query($id: ID!) { household(id: $id) { regionCode address monthlyIncomeCents members { fullName } } }`, { id: head.household!.id });
    expect(res.data!.household).toEqual({ regionCode: '110105', address: null, monthlyIncomeCents: null, members: [{ fullName: '孙建国' }, { fullName: '李桂英' }, { fullName: '孙小明' }] });
    expect((res.extensions!.access as { denied: { path: string }[] }).denied.map((d) => d.path).sort()).toEqual(['household.address', 'household.monthlyIncomeCents']);
  });

  it('records the founding of the household in the audit trail', async () => {
    const rows = await app.db.query(`SELECT action, fields FROM audit_events WHERE subject_type = 'Household' AND subject_id = $1 AND action = 'CHANGE'`, [head.household!.id]);
    expect(rows).toEqual([{ action: 'CHANGE', fields: ['monthlyIncomeCents'] }]);
  });
});
