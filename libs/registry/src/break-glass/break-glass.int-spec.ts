import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeUser, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const BREAK = `mutation($input: BreakGlassInput!) { breakGlass(input: $input) { id fullName phone notes } }`;
const PERSON = `query($id: ID!) { person(id: $id) { fullName notes } }`;

describe('break-glass', () => {
  let app: TestApp;
  let personId: string;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    const caseworker = await app.login('caseworker@zhulian.demo');
    const res = await caseworker.gql<{ registerPerson: { id: string } }>(
      `mutation { registerPerson(input: { fullName: "吴秀珍", regionCode: "110105", phone: "13855556666", notes: "突发疾病独居" }) { id } }`);
    personId = res.data!.registerPerson.id;
  });
  afterAll(() => app.close());

  it('opens a record beyond the rules for a coordinator with a written reason, for a while, audited and shown to the holder’s admins', async () => {
    const user = await makeUser(app.db, { memberships: [{ organisationId: SANLITUN, role: Role.COORDINATOR }] });
    const coordinator = await app.login(user.email, user.password);
    expect((await coordinator.gql(PERSON, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');

    const short = await coordinator.gql(BREAK, { input: { personId, reason: '紧急' } });
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });

    const opened = await coordinator.gql<{ breakGlass: { notes: string } }>(BREAK, { input: { personId, reason: '邻居报告老人晕倒在家，需立即联系并核实病史' } });
    expect(opened.data!.breakGlass).toMatchObject({ fullName: '吴秀珍', phone: '13855556666', notes: '突发疾病独居' });
    expect((await coordinator.gql(PERSON, { id: personId })).data).toEqual({ person: { fullName: '吴秀珍', notes: '突发疾病独居' } });

    const events: { action: string; grounds: Record<string, string> }[] = await app.db.query(
      `SELECT action, grounds FROM audit_events WHERE subject_id = $1 AND actor_user_id = $2 ORDER BY position`, [personId, user.id]);
    const actions = events.map((e) => e.action);
    expect(actions.indexOf('BREAK_GLASS')).toBeGreaterThanOrEqual(0);
    expect(actions.indexOf('READ')).toBeGreaterThan(actions.indexOf('BREAK_GLASS'));
    expect(events.filter((e) => e.action === 'READ').every((e) => e.grounds.rule === 'break-glass')).toBe(true);

    const holderAdmin = await makeUser(app.db, { memberships: [{ organisationId: JIANWAI, role: Role.ORG_ADMIN }] });
    const admin = await app.login(holderAdmin.email, holderAdmin.password);
    const grants = await admin.gql<{ breakGlassGrants: { personId: string; openedFor: string; reason: string }[] }>(`{ breakGlassGrants { personId openedFor reason } }`);
    expect(grants.data!.breakGlassGrants).toEqual([{ personId, openedFor: '朝阳区三里屯街道办事处', reason: '邻居报告老人晕倒在家，需立即联系并核实病史' }]);

    await app.db.query(`UPDATE break_glass_grants SET created_at = now() - interval '5 hours', expires_at = now() - interval '1 hour'`);
    expect((await coordinator.gql(PERSON, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('is for coordinators only', async () => {
    const staff = await makeUser(app.db, { memberships: [{ organisationId: SANLITUN, role: Role.STAFF }] });
    const session = await app.login(staff.email, staff.password);
    const res = await session.gql(BREAK, { input: { personId, reason: '我想看看这个人的资料' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});
