import { CasesModule } from '@zhulian/cases';
import { CLOCK, Clock, JobRunner } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';
import { ReferralDeadlines } from './referral-deadlines';
import { DEADLINES_QUEUE } from './referral-jobs';

const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const HOUR = 3_600_000;

/** Sets up a person with a case and a REFERRAL consent to the NGO, and a service of the NGO; returns a referral sender. */
async function world(app: TestApp) {
  const coordinator = await app.login('jianwai@zhulian.demo');
  const { id: personId } = await makePerson(coordinator, { fullName: '魏秀珍', birthDate: '1946-06-06' });
  const { id: caseId } = await makeCase(coordinator, personId);
  await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'] });
  const { id: serviceId } = await makeService(app.db, ELDERLY_NGO, { name: '上门探访', categories: [] });
  const send = async () => {
    const { id } = await makeReferral(coordinator, { caseId, serviceId });
    const [row] = await app.db.query(`SELECT requested_at FROM referrals WHERE id = $1`, [id]);
    return { id, requestedAt: row.requested_at as Date };
  };
  return { coordinator, send, caseId };
}

const state = (app: TestApp, id: string) =>
  app.db.query(`SELECT status, reason_code, reminded_at IS NOT NULL AS reminded, escalated_at IS NOT NULL AS escalated FROM referrals WHERE id = $1`, [id]).then((r) => r[0]);

describe('referral deadlines, on a controllable clock', () => {
  let app: TestApp;
  let deadlines: ReferralDeadlines;
  let coordinator: SignedIn;
  let send: () => Promise<{ id: string; requestedAt: Date }>;
  let caseId: string;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    deadlines = app.app.get(ReferralDeadlines);
    ({ coordinator, send, caseId } = await world(app));
  });
  afterAll(() => app.close());

  it('reminds the receiver after a day, escalates to the sender after two, cancels as EXPIRED after seven — each once', async () => {
    const { id, requestedAt } = await send();
    const at = (hours: number) => new Date(requestedAt.getTime() + hours * HOUR);
    await deadlines.sweep(at(23));
    expect(await state(app, id)).toEqual({ status: 'REQUESTED', reason_code: null, reminded: false, escalated: false });
    await deadlines.sweep(at(25));
    await deadlines.sweep(at(26));
    expect(await state(app, id)).toMatchObject({ status: 'REQUESTED', reminded: true, escalated: false });
    await deadlines.sweep(at(49));
    expect(await state(app, id)).toMatchObject({ status: 'REQUESTED', escalated: true });
    const escalated = await coordinator.gql<{ referrals: { edges: { node: { id: string } }[] } }>(`{ referrals(filter: { escalated: true, direction: SENT }) { edges { node { id } } } }`);
    expect(escalated.data!.referrals.edges.map((e) => e.node.id)).toContain(id);
    await deadlines.sweep(at(7 * 24 + 1));
    expect(await state(app, id)).toMatchObject({ status: 'CANCELLED', reason_code: 'EXPIRED' });
    // Back on the sender's worklist, as one that came back (a withdrawn one would not be).
    const cameBack = await coordinator.gql<{ referrals: { edges: { node: { id: string } }[] } }>(`{ referrals(filter: { cameBack: true, direction: SENT }) { edges { node { id } } } }`);
    expect(cameBack.data!.referrals.edges.map((e) => e.node.id)).toContain(id);
    const referral = await coordinator.gql<{ referral: { timeline: { kind: string; toStatus: string | null; actorName: string | null }[] } }>(
      `query($id: ID!) { referral(id: $id) { timeline { kind toStatus actorName } } }`, { id });
    expect(referral.data!.referral.timeline.map((e) => e.kind)).toEqual(['STATUS_CHANGED', 'REMINDER_SENT', 'ESCALATED', 'STATUS_CHANGED']);
    expect(referral.data!.referral.timeline.at(-1)).toEqual({ kind: 'STATUS_CHANGED', toStatus: 'CANCELLED', actorName: null });
    const kase = await coordinator.gql<{ case: { timeline: { referralStatus: string | null }[] } }>(`query($id: ID!) { case(id: $id) { timeline { referralStatus } } }`, { id: caseId });
    expect(kase.data!.case.timeline.map((e) => e.referralStatus)).toContain('CANCELLED');
    expect(await deadlines.sweep(at(8 * 24))).toEqual({ reminded: 0, escalated: 0, expired: 0 });
  });

  it('follows the receiving organisation’s own settings', async () => {
    await app.db.query(`INSERT INTO referral_settings (organisation_id, remind_after_hours, escalate_after_hours, expire_after_days) VALUES ($1, 2, 4, 1)`, [ELDERLY_NGO]);
    try {
      const { id, requestedAt } = await send();
      await deadlines.sweep(new Date(requestedAt.getTime() + 3 * HOUR));
      expect(await state(app, id)).toMatchObject({ reminded: true, escalated: false });
      await deadlines.sweep(new Date(requestedAt.getTime() + 25 * HOUR));
      expect(await state(app, id)).toMatchObject({ status: 'CANCELLED', reason_code: 'EXPIRED' });
    } finally {
      await app.db.query(`DELETE FROM referral_settings WHERE organisation_id = $1`, [ELDERLY_NGO]);
    }
  });
});

describe('referral deadlines through the pg-boss queue', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo, env: { JOBS: 'on' } });
  });
  afterAll(() => app.close());

  it('runs the sweep as a job in PostgreSQL, at the time the injected clock says', async () => {
    const { send } = await world(app);
    const { id, requestedAt } = await send();
    const clock = app.app.get<Clock>(CLOCK);
    clock.now = () => new Date(requestedAt.getTime() + 8 * 24 * HOUR);
    expect(await app.app.get(JobRunner).runNow(DEADLINES_QUEUE)).toEqual(expect.any(String));
    const deadline = Date.now() + 30_000;
    while ((await state(app, id)).status !== 'CANCELLED' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await state(app, id)).toMatchObject({ status: 'CANCELLED', reason_code: 'EXPIRED' });
    const [job] = await app.db.query(`SELECT state FROM pgboss.job WHERE name = 'referral-deadlines' AND state = 'completed' LIMIT 1`);
    expect(job).toEqual({ state: 'completed' });
  });
});
