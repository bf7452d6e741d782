import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { seedIdentityDemo } from '@zhulian/identity';
import { TestApp } from '@zhulian/testing';
import { AppModule } from './app.module';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/apps/api/src/cli.js');

describe('npm run audit:verify', () => {
  let app: TestApp;
  beforeAll(async () => {
    if (!existsSync(CLI)) spawnSync(process.execPath, [join(ROOT, 'tools/build-api.mjs')], { stdio: 'inherit' });
    app = await TestApp.create({ imports: [AppModule], seed: seedIdentityDemo });
  });
  afterAll(() => app.close());

  const verify = () =>
    spawnSync(process.execPath, [CLI, 'audit:verify'], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: app.database.url, JWT_SECRET: 'x'.repeat(40), AUDIT_KEY: 'test-audit-key-that-is-at-least-32-characters' },
      encoding: 'utf8',
    });

  it('passes on a trail of real changes and names the first tampered event', async () => {
    const admin = await app.login('orgadmin@zhulian.demo');
    const members = await admin.gql<{ members: { edges: { node: { id: string; user: { email: string } } }[] } }>(`{ members { edges { node { id user { email } } } } }`);
    const ngo = members.data!.members.edges.find((e) => e.node.user.email === 'ngo@zhulian.demo')!.node.id;
    await admin.gql(`mutation($id: ID!) { changeMemberRole(input: { membershipId: $id, role: COORDINATOR }) { id } }`, { id: ngo });
    await admin.gql(`mutation { inviteMember(input: { email: "a@example.org", role: STAFF }) { token } }`);
    await admin.gql(`mutation($id: ID!) { deactivateMember(membershipId: $id) { id } }`, { id: ngo });

    const events: { action: string; subject_type: string; details: Record<string, unknown>; actor_user_id: string }[] =
      await app.db.query(`SELECT action, subject_type, details, actor_user_id FROM audit_events ORDER BY position`);
    expect(events.map((e) => [e.subject_type, e.details.to ?? e.details.role])).toEqual([
      ['Membership', 'COORDINATOR'], ['Invitation', 'STAFF'], ['Membership', 'DEACTIVATED'],
    ]);
    expect(new Set(events.map((e) => e.actor_user_id))).toEqual(new Set([admin.userId]));

    const good = verify();
    expect([good.status, good.stdout]).toEqual([0, expect.stringMatching(/^audit trail intact: 3 events, head [0-9a-f]{64}\n$/)]);

    await app.db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await tx.query(`UPDATE audit_events SET details = '{"from": "STAFF", "to": "ORG_ADMIN"}' WHERE position = 1`);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    });
    const bad = verify();
    expect([bad.status, bad.stdout]).toEqual([1, 'audit trail BROKEN at event 1: its content was changed\n']);
  });
});
