import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeConsent, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const MERGE = `mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id fullName birthDate idNumber phone notes assistance mergedRecordIds } }`;

describe('merging duplicate records', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let caseworker: SignedIn;
  let ngo: SignedIn;
  const register = async (input: Record<string, unknown>, by = caseworker) => (await makePerson(by, input)).id;
  const merge = (survivorId: string, duplicateId: string, by = coordinator) =>
    by.gql<{ mergePeople: Record<string, unknown> }>(MERGE, { input: { survivorId, duplicateId, reason: '同一人，登记时姓名写法不同' } });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(JIANWAI, Role.COORDINATOR);
    caseworker = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    ngo = await app.loginNewMember(ELDERLY_NGO, Role.STAFF);
  });
  afterAll(() => app.close());

  it('fills the survivor’s gaps from the duplicate, moves its consents, and leads the duplicate’s id to the survivor', async () => {
    const survivor = await register({ fullName: '吴德明', phone: '13811112222', notes: '腿脚不便', assistance: ['DIBAO'] });
    const duplicate = await register({ fullName: '吴德明', idNumber: '110105198001011238', notes: '需送餐', assistance: ['MEDICAL'] });
    await makeConsent(caseworker, { personId: duplicate, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], purpose: 'SERVICE_DELIVERY' });
    // before the merge the NGO sees the duplicate only
    expect((await ngo.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: survivor })).errors![0].extensions.code).toBe('NOT_FOUND');

    const res = await merge(survivor, duplicate);
    expect(res.errors).toBeUndefined();
    expect(res.data!.mergePeople).toEqual({
      id: survivor, fullName: '吴德明', birthDate: '1980-01-01', idNumber: '110105198001011238', phone: '13811112222',
      notes: '腿脚不便\n\n需送餐', assistance: ['DIBAO', 'MEDICAL'], mergedRecordIds: [duplicate],
    });
    // the duplicate's id leads to the survivor; the NGO's consent now covers the survivor
    const viaOldId = await coordinator.gql<{ person: { id: string } }>(`query($id: ID!) { person(id: $id) { id } }`, { id: duplicate });
    expect(viaOldId.data!.person.id).toBe(survivor);
    const seen = await ngo.gql<{ person: Record<string, unknown> }>(`query($id: ID!) { person(id: $id) { id fullName phone idNumber } }`, { id: survivor });
    expect(seen.data!.person).toEqual({ id: survivor, fullName: '吴德明', phone: '13811112222', idNumber: null });
    // the list shows one record, and registering the ID number again is still refused
    const list = await coordinator.gql<{ people: { edges: { node: { id: string } }[] } }>(`{ people(first: 100, search: { name: "吴德明" }) { edges { node { id } } } }`);
    expect(list.data!.people.edges.map((e) => e.node.id)).toEqual([survivor]);
    const again = await caseworker.gql(REGISTER, { input: { fullName: '吴德明', regionCode: '110105', idNumber: '110105198001011238' } });
    expect(again.errors![0].extensions.reason).toBe('DUPLICATE_ID_NUMBER');
    // both histories are kept and audited
    const [row] = await app.db.query(`SELECT merged_into, merge_reason, notes FROM people WHERE id = $1`, [duplicate]);
    expect(row).toEqual({ merged_into: survivor, merge_reason: '同一人，登记时姓名写法不同', notes: '需送餐' });
    const audit = await app.db.query(
      `SELECT subject_id, details FROM audit_events WHERE action = 'CHANGE' AND details ? 'merged' OR details ? 'mergedInto' ORDER BY position`);
    expect(audit).toEqual([{ subject_id: survivor, details: { merged: duplicate } }, { subject_id: duplicate, details: { mergedInto: survivor } }]);
  });

  it('reports reads of the duplicate in the survivor’s access report', async () => {
    const survivor = await register({ fullName: '郑海燕', phone: '13822223333' });
    const duplicate = await register({ fullName: '郑海艳', phone: '13822223334' });
    await coordinator.gql(`query($id: ID!) { person(id: $id) { phone } }`, { id: duplicate });
    expect((await merge(survivor, duplicate)).errors).toBeUndefined();
    const report = await coordinator.gql<{ personAccessReport: { subjectId: string; fields: string[] }[] }>(
      `query($id: ID!) { personAccessReport(personId: $id, field: "phone") { subjectId fields } }`, { id: survivor });
    expect(report.data!.personAccessReport.map((e) => e.subjectId)).toContain(duplicate);
  });

  it('refuses different ID numbers, the same record, a merged record, other roles and other organisations, changing nothing', async () => {
    const a = await register({ fullName: '冯志强', idNumber: '110105194405120029' });
    const b = await register({ fullName: '冯志强', idNumber: '11010519491231002X' });
    const c = await register({ fullName: '冯志强' });
    const elsewhere = await register({ fullName: '冯志强' }, await app.loginNewMember(SANLITUN, Role.CASEWORKER));
    const before = await app.db.query(`SELECT id, merged_into, updated_at FROM people ORDER BY id`);
    expect((await merge(a, b)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MERGE_ID_NUMBERS_DIFFER' });
    expect((await merge(a, a)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MERGE_SAME_RECORD' });
    expect((await merge(a, c, caseworker)).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await merge(a, elsewhere)).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await app.db.query(`SELECT id, merged_into, updated_at FROM people ORDER BY id`)).toEqual(before);
    expect((await merge(a, c)).errors).toBeUndefined();
    expect((await merge(b, c)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MERGED' });
  });

  it('refuses to merge records of two different households, which would strand a member', async () => {
    const a = await register({ fullName: '韩国栋', newHousehold: {} });
    const b = await register({ fullName: '韩国栋', newHousehold: {} });
    expect((await merge(a, b)).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MERGE_HOUSEHOLDS_DIFFER' });
  });

  it('lets exactly one of two simultaneous merges of the same duplicate win', async () => {
    const a = await register({ fullName: '褚红梅' });
    const b = await register({ fullName: '褚红梅' });
    const dup = await register({ fullName: '褚红梅' });
    const results = await Promise.all([merge(a, dup), merge(b, dup)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.reason)).toEqual(['ALREADY_MERGED']);
  });
});
