import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makePerson, makeUser, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
/** coordinator@zhulian.demo, 李静, of the district office. */
const DEMO_COORDINATOR = '0193a000-0000-7000-8000-100000000002';
const BREAK = `mutation($input: BreakGlassInput!) { breakGlass(input: $input) { id fullName phone notes } }`;
const PERSON = `query($id: ID!) { person(id: $id) { fullName notes } }`;

describe('break-glass', () => {
  let app: TestApp;
  let personId: string;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    const caseworker = await app.login('caseworker@zhulian.demo');
    personId = (await makePerson(caseworker, { fullName: '吴秀珍', phone: '13855556666', notes: '突发疾病独居' })).id;
  });
  afterAll(() => app.close());

  it('opens a record beyond the rules for a coordinator of an office above the holder, with a written reason, for two hours, audited and raised to the holder', async () => {
    const coordinator = await app.login('coordinator@zhulian.demo'); // the district office, above 建外街道
    expect((await coordinator.gql(PERSON, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');

    const short = await coordinator.gql(BREAK, { input: { personId, reason: '紧急' } });
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });

    const reason = '邻居报告老人晕倒在家，需立即联系并核实病史';
    const opened = await coordinator.gql<{ breakGlass: { notes: string } }>(BREAK, { input: { personId, reason } });
    expect(opened.data!.breakGlass).toMatchObject({ fullName: '吴秀珍', phone: '13855556666', notes: '突发疾病独居' });
    expect((await coordinator.gql(PERSON, { id: personId })).data).toEqual({ person: { fullName: '吴秀珍', notes: '突发疾病独居' } });
    const [grant] = await app.db.query(`SELECT expires_at - created_at AS lasts FROM break_glass_grants WHERE person_id = $1`, [personId]);
    expect(grant.lasts).toEqual({ hours: 2 });

    const events: { action: string; grounds: Record<string, string>; holder_ids: string[] | null }[] = await app.db.query(
      `SELECT action, grounds, holder_ids FROM audit_events WHERE subject_id = $1 AND actor_user_id = $2 ORDER BY occurred_at, id`, [personId, DEMO_COORDINATOR]);
    const actions = events.map((e) => e.action);
    expect(actions.indexOf('BREAK_GLASS')).toBeGreaterThanOrEqual(0);
    expect(actions.indexOf('READ')).toBeGreaterThan(actions.indexOf('BREAK_GLASS'));
    expect(events.filter((e) => e.action === 'READ').every((e) => e.grounds.rule === 'break-glass')).toBe(true);
    // The event names the record's holder, so the holder's auditors see it in their trail.
    expect(events.find((e) => e.action === 'BREAK_GLASS')!.holder_ids).toEqual([JIANWAI]);
    expect(events.filter((e) => e.action === 'READ').every((e) => e.holder_ids?.[0] === JIANWAI)).toBe(true);

    const admin = await app.loginNewMember(JIANWAI, Role.ORG_ADMIN);
    const grants = await admin.gql<{ breakGlassGrants: { personId: string; openedFor: string; reason: string }[] }>(`{ breakGlassGrants { personId openedFor reason } }`);
    expect(grants.data!.breakGlassGrants).toEqual([{ personId, openedFor: '朝阳区民政局', reason }]);
    // Raised at once to the holder's coordinators and auditors.
    for (const role of [Role.COORDINATOR, Role.AUDITOR]) {
      const session = await app.loginNewMember(JIANWAI, role);
      const alerts = await session.gql<{ securityAlerts: { edges: { node: Record<string, unknown> }[] } }>(
        `{ securityAlerts(first: 10) { edges { node { kind subjectId reason actorName actorOrganisationName acknowledgedAt } } } }`);
      expect(alerts.data!.securityAlerts.edges.map((e) => e.node)).toEqual([{
        kind: 'BREAK_GLASS', subjectId: personId, reason, actorName: '李静', actorOrganisationName: '朝阳区民政局', acknowledgedAt: null }]);
    }

    await app.db.query(`UPDATE break_glass_grants SET created_at = now() - interval '5 hours', expires_at = now() - interval '1 hour'`);
    expect((await coordinator.gql(PERSON, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('is not for another office, nor for a coordinator an NGO made: their answer is the same as for nobody', async () => {
    const ngoCoordinator = await makeUser(app.db, { memberships: [{ organisationId: ELDERLY_NGO, role: Role.COORDINATOR }] });
    const sibling = await makeUser(app.db, { memberships: [{ organisationId: SANLITUN, role: Role.COORDINATOR }] });
    for (const user of [ngoCoordinator, sibling]) {
      const session = await app.login(user.email, user.password);
      for (const id of [personId, '0193a000-0000-7000-8000-0000000000ee']) {
        const res = await session.gql(BREAK, { input: { personId: id, reason: '邻居报告老人晕倒在家，需立即联系' } });
        expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PERSON_NOT_FOUND' });
      }
      expect((await session.gql(PERSON, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');
    }
    expect(await app.db.query(`SELECT count(*)::int AS n FROM break_glass_grants WHERE user_id = ANY($1)`, [[ngoCoordinator.id, sibling.id]])).toEqual([{ n: 0 }]);
  });

  it('is for coordinators only', async () => {
    const session = await app.loginNewMember(SANLITUN, Role.STAFF);
    const res = await session.gql(BREAK, { input: { personId, reason: '我想看看这个人的资料' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});
