import { seedDirectoryDemo } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { IdNumberVault, RegistryModule, seedRegistryDemo } from '@zhulian/registry';
import { TestApp } from '@zhulian/testing';
import { CasesModule } from '@zhulian/cases';
import { APP_CONFIG, AppConfig } from '@zhulian/core';
import { ReferralsModule } from '../referrals.module';
import { seedWorkDemo } from './work-demo';

describe('the demo alliance’s cases and referrals', () => {
  let app: TestApp;
  let first: { cases: number; referrals: number };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    const vault = new IdNumberVault(app.app.get<AppConfig>(APP_CONFIG));
    await app.db.transaction(async (tx) => {
      await seedRegistryDemo(tx, vault);
      await seedDirectoryDemo(tx);
    });
    first = await app.db.transaction((tx) => seedWorkDemo(tx));
  });
  afterAll(() => app.close());

  it('holds about 60 cases and referrals in every state, and a second run adds nothing', async () => {
    expect(first.cases).toBe(60);
    expect(first.referrals).toBe(24);
    const states = await app.db.query(`SELECT DISTINCT status FROM referrals ORDER BY status`);
    expect(states.map((s: { status: string }) => s.status)).toEqual(
      ['ACCEPTED', 'CANCELLED', 'COMPLETED', 'DRAFT', 'ENTERED_IN_ERROR', 'FAILED', 'IN_PROGRESS', 'ON_HOLD', 'REJECTED', 'REQUESTED']);
    expect(await app.db.transaction((tx) => seedWorkDemo(tx))).toEqual({ cases: 0, referrals: 0 });
  });

  it('opens each login to real work', async () => {
    const coordinator = await app.login('jianwai@zhulian.demo');
    const cases = await coordinator.gql<{ casesCount: number; cases: { edges: { node: { person: { fullName: string } | null; timeline: unknown[] } }[] } }>(
      `{ casesCount cases(first: 5) { edges { node { person { fullName } timeline { kind } } } } }`);
    expect(cases.data!.casesCount).toBe(42);
    expect(cases.data!.cases.edges.every((e) => e.node.person?.fullName && e.node.timeline.length > 0)).toBe(true);
    const caseworker = await app.login('caseworker@zhulian.demo');
    const mine = await caseworker.gql<{ casesCount: number }>(`{ casesCount(filter: { assignedToMe: true }) }`);
    expect(mine.data!.casesCount).toBeGreaterThan(30);
    const ngo = await app.login('ngo@zhulian.demo');
    const inbox = await ngo.gql<{ referrals: { edges: { node: { status: string; person: { fullName: string } | null } }[] } }>(
      `{ referrals(first: 50, filter: { direction: RECEIVED }) { edges { node { status person { fullName } } } } }`);
    const nodes = inbox.data!.referrals.edges.map((e) => e.node);
    expect(nodes.some((n) => n.status === 'REQUESTED' && n.person === null)).toBe(true);
    expect(nodes.some((n) => n.status === 'IN_PROGRESS' && n.person?.fullName)).toBe(true);
    expect(nodes.some((n) => n.status === 'DRAFT')).toBe(false);
    const sent = await caseworker.gql<{ referralsCount: number }>(`{ referralsCount(filter: { direction: SENT }) }`);
    expect(sent.data!.referralsCount).toBe(24);
  });
});
