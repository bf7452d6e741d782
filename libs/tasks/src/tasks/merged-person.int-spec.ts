import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

type Seen = { id: string; fullName: string | null } | null;

describe('a task’s person after the person’s two records are merged', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  const ok = async <T>(reply: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> => {
    const { data, errors } = await reply;
    expect(errors).toBeUndefined();
    return data!;
  };
  const register = async (input: Record<string, unknown>) =>
    (await ok(coordinator.gql<{ registerPerson: { id: string } }>(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: { regionCode: '110105', ...input } }))).registerPerson.id;
  const taskPerson = async (id: string) =>
    (await ok(coordinator.gql<{ task: { person: Seen } }>(`query($id: ID!) { task(id: $id) { person { id fullName } } }`, { id }))).task.person;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    const user = await makeUser(app.db, { memberships: [{ organisationId: DEMO_ORGS.streetJianwai, role: Role.COORDINATOR }] });
    coordinator = await app.login(user.email, user.password);
  });
  afterAll(() => app.close());

  it('follows the person to the record that stays', async () => {
    const survivor = await register({ fullName: '周桂芳' });
    const duplicate = await register({ fullName: '周桂芳', phone: '13733445566' });
    const caseId = (await ok(coordinator.gql<{ openCase: { id: string } }>(`mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
      { input: { personId: duplicate, needs: ['ELDERLY_CARE'] } }))).openCase.id;
    const taskId = (await ok(coordinator.gql<{ postTask: { id: string } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`, { input: {
      title: '上门陪伴', skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 1, needsApproval: true, caseId, discloses: ['contact'],
      startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3600_000).toISOString() } }))).postTask.id;
    expect(await taskPerson(taskId)).toEqual({ id: duplicate, fullName: '周桂芳' });

    await ok(coordinator.gql(`mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`,
      { input: { survivorId: survivor, duplicateId: duplicate, reason: '同一人，重复登记' } }));

    expect(await taskPerson(taskId)).toEqual({ id: survivor, fullName: '周桂芳' });
  });
});
