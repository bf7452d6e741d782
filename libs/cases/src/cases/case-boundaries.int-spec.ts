import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { CasesModule } from '../cases.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { id version assignees { userId } } }`;
const PERSON = `query($id: ID!) { person(id: $id) { fullName idNumber phone chronicIllness notes } }`;
const GET = `query($id: ID!) { case(id: $id) { id needs priority summary notes version assignees { userId } timeline { kind } } }`;
const UPDATE = `mutation($input: UpdateCaseInput!) { updateCase(input: $input) { id notes version } }`;

/** Working a case opens its person's record: who may start that, and what it lets one change. */
describe('the boundary a case draws', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let personId: string;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    personId = (await makePerson(coordinator, { fullName: '韩玉梅', idNumber: '110105194807150028', phone: '13655556666', chronicIllness: '糖尿病', notes: '女儿在外地' })).id;
  });
  afterAll(() => app.close());

  it('does not hand a caseworker a colleague’s client by opening a case: the case waits for a coordinator to assign it', async () => {
    const colleague = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const before = (await colleague.gql<{ person: Record<string, unknown> }>(PERSON, { id: personId })).data!.person;
    expect(before).toMatchObject({ fullName: '韩玉梅', idNumber: '110105***********8', chronicIllness: null, notes: null });
    const opened = await colleague.gql<{ openCase: { id: string; assignees: unknown[] } }>(OPEN, { input: { personId, needs: ['ELDERLY_CARE'] } });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openCase.assignees).toEqual([]);
    // Still the mask and the locks: nothing was opened by opening the case.
    expect((await colleague.gql<{ person: Record<string, unknown> }>(PERSON, { id: personId })).data!.person).toEqual(before);
    // A coordinator's assignment is what opens it.
    const assigned = await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`,
      { input: { caseId: opened.data!.openCase.id, userId: colleague.userId } });
    expect(assigned.errors).toBeUndefined();
    expect((await colleague.gql<{ person: Record<string, unknown> }>(PERSON, { id: personId })).data!.person)
      .toMatchObject({ idNumber: '110105194807150028', chronicIllness: '糖尿病' });
  });

  it('still lets the caseworker who registered the person work the case they open', async () => {
    const registrar = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const own = await makePerson(registrar, { fullName: '邵建国' });
    const opened = await registrar.gql<{ openCase: { assignees: { userId: string }[] } }>(OPEN, { input: { personId: own.id, needs: ['MEDICAL'] } });
    expect(opened.data!.openCase.assignees).toEqual([{ userId: registrar.userId }]);
  });

  it('lets another organisation’s assigned caseworker change only what they may read, and ends their access with the consent', async () => {
    const caseId = (await makeCase(coordinator, personId)).id;
    await coordinator.gql(`mutation($input: UpdateCaseInput!) { updateCase(input: $input) { id } }`, { input: { caseId, version: 1, notes: '每周三探访' } });
    const consentId = (await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, purpose: 'CASE_MANAGEMENT', evidence: '个案管理同意书 K-1' })).id;
    const ngoWorker = await app.loginNewMember(ELDERLY_NGO, Role.CASEWORKER);
    expect((await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`, { input: { caseId, userId: ngoWorker.userId } })).errors)
      .toBeUndefined();
    const seen = await ngoWorker.gql<{ case: { notes: string | null; version: number } }>(GET, { id: caseId });
    expect(seen.data!.case.notes).toBeNull();
    const overwrite = await ngoWorker.gql(UPDATE, { input: { caseId, version: seen.data!.case.version, notes: '已覆盖' } });
    expect(overwrite.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FIELD_NOT_WRITABLE', field: 'input.notes' });
    const priority = await ngoWorker.gql(UPDATE, { input: { caseId, version: seen.data!.case.version, priority: 'HIGH' } });
    expect(priority.errors).toBeUndefined();
    expect((await coordinator.gql<{ case: { notes: string } }>(GET, { id: caseId })).data!.case.notes).toBe('每周三探访');
    // The person withdraws the consent: the case and its person are gone for the NGO, and it can no longer change it.
    expect((await coordinator.gql(`mutation($id: ID!) { withdrawConsent(id: $id) { id } }`, { id: consentId })).errors).toBeUndefined();
    expect((await ngoWorker.gql(GET, { id: caseId })).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await ngoWorker.gql(PERSON, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');
    const after = await ngoWorker.gql(UPDATE, { input: { caseId, version: 3, priority: 'LOW' } });
    expect(after.errors![0].extensions.code).toBe('NOT_FOUND');
  });
});
