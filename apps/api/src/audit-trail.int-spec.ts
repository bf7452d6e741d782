import { seedIdentityDemo } from '@zhulian/identity';
import { makePerson, TestApp } from '@zhulian/testing';
import { AppModule } from './app.module';

const TRAIL = `query($subjectId: ID) { auditTrail(first: 50, subjectId: $subjectId) { edges { node { position action subjectType subjectId fields grounds actorName actorOrganisationName } } } auditChainStatus { intact events brokenAt problem } }`;

interface Trail {
  auditTrail: { edges: { node: { position: number; action: string; subjectType: string; subjectId: string; fields: string[]; grounds: string; actorName: string; actorOrganisationName: string } }[] };
  auditChainStatus: { intact: boolean; events: number; brokenAt: number | null; problem: string | null };
}

describe('the auditor’s view of the audit trail', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
  });
  afterAll(() => app.close());

  it('shows the district’s auditor who registered and who read a person in a street office, never a value, and the chain’s state', async () => {
    const caseworker = await app.login('caseworker@zhulian.demo');
    const { id: personId } = await makePerson(caseworker, { fullName: '孙桂芝', phone: '13688889999', notes: '独居' });
    await caseworker.gql(`query($id: ID!) { person(id: $id) { phone notes } }`, { id: personId });

    const auditor = await app.login('auditor@zhulian.demo');
    const res = await auditor.gql<Trail>(TRAIL, { subjectId: personId });
    expect(res.errors).toBeUndefined();
    const entries = res.data!.auditTrail.edges.map((e) => e.node);
    expect(entries.map((e) => [e.action, e.actorName, e.actorOrganisationName])).toEqual([
      ['READ', '张伟', '朝阳区建外街道办事处'],
      ['CHANGE', '张伟', '朝阳区建外街道办事处'],
    ]);
    expect(entries[0].fields).toEqual(['notes', 'phone']);
    expect(JSON.parse(entries[0].grounds)).toMatchObject({ rule: 'registered-by-me' });
    expect(JSON.stringify(entries)).not.toMatch(/13688889999|独居|孙桂芝/);
    expect(res.data!.auditChainStatus).toMatchObject({ intact: true, brokenAt: null });

    await app.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await tx.query(`UPDATE audit_events SET fields = '{}' WHERE position = $1`, [entries[0].position]);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    });
    const after = await auditor.gql<Trail>(TRAIL, { subjectId: personId });
    expect(after.data!.auditChainStatus).toMatchObject({ intact: false, brokenAt: entries[0].position, problem: 'EDITED' });
  });

  it('is for auditors only', async () => {
    const coordinator = await app.login('coordinator@zhulian.demo');
    expect((await coordinator.gql(`{ auditChainStatus { intact } }`)).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
});
