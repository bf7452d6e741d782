import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { INestApplication } from '@nestjs/common';
import { CaseFacts, CasesModule } from '@zhulian/cases';
import { createApiApplication, loadConfig, Role } from '@zhulian/core';
import { DirectoryModule } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { ReferralFacts, ReferralsModule } from '@zhulian/referrals';
import { HouseholdFacts, PersonFacts, RegistryModule } from '@zhulian/registry';
import { ageCase, changeHouseholdIncome, changePerson, makeCase, makeConsent, makePerson, makePersonSignal, makeReferral, makeService, makeUser, setSubsistenceLine, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';
import { beijingDate, CatchUpResult, InsightEvaluation, monthsBefore } from './insight-evaluation';
import { InsightJobs } from './insight-jobs';

const DISTRICT = '0193a000-0000-7000-8000-000000000001';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';
const CHARITY = '0193a000-0000-7000-8000-000000000006';
const MODULES = [IdentityModule, RegistryModule, CasesModule, DirectoryModule, ReferralsModule, InsightsModule];
/** A little more than the change feed keeps behind the clock: a catch-up after this long reads no change from before it. */
const PAST_THE_OVERLAP_MS = 1_500;

interface AlertRow {
  id: string; rule_code: string; rule_id: string; subject_type: string; subject_id: string; person_id: string; household_id: string | null; case_id: string | null;
  holding_organisation_id: string; region_code: string; severity: string; score: number; evidence: Record<string, unknown>; status: string;
  raised_at: Date; last_seen_at: Date;
}

/**
 * Incremental evaluation: a change to one person is judged within seconds, over that person's household only,
 * exactly as the nightly run over everything would judge it — and nothing else is touched.
 */
describe('the early-warning rules, evaluated incrementally', () => {
  let app: TestApp;
  let evaluation: InsightEvaluation;
  let coordinator: SignedIn;
  let importer: string;
  const receivers: Record<string, { service: string; staff: SignedIn }> = {};
  const ids: Record<string, string> = {};
  const cases: Record<string, { id: string; version: number }> = {};
  const { date: today, year } = beijingDate(new Date());

  const register = async (key: string, input: Record<string, unknown>) => {
    const person = await makePerson(coordinator, input);
    ids[key] = person.id;
    if (person.householdId) ids[`${key}:household`] = person.householdId;
    return ids[key];
  };
  const openCase = async (key: string, personKey: string, needs: string[], priority = 'HIGH') => {
    cases[key] = await makeCase(coordinator, ids[personKey], { needs, priority });
    return cases[key];
  };
  const consented = new Set<string>();
  const refer = async (personKey: string, caseKey: string, organisationId: string) => {
    if (!consented.has(`${personKey}:${organisationId}`)) {
      await makeConsent(coordinator, { personId: ids[personKey], recipientOrganisationId: organisationId, categories: ['basic', 'contact'], evidence: '转介同意书 I-1' });
      consented.add(`${personKey}:${organisationId}`);
    }
    return (await makeReferral(coordinator, { caseId: cases[caseKey].id, serviceId: receivers[organisationId].service, noteForReceiver: '需要上门照护' })).id;
  };
  const decline = async (personKey: string, caseKey: string, organisationId: string) => {
    const referralId = await refer(personKey, caseKey, organisationId);
    const res = await receivers[organisationId].staff.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { status } }`,
      { input: { referralId, status: 'REJECTED', reasonCode: 'NO_CAPACITY', reasonText: '本月名额已满' } });
    expect(res.errors).toBeUndefined();
  };
  const signal = (personKey: string, kind: 'MEDICAL_BILL' | 'UTILITY_ARREARS' | 'DISABILITY_REGISTRATION', monthsAgo: number, amountCents?: number) =>
    makePersonSignal(app.db, { personId: ids[personKey], kind, occurredOn: monthsBefore(today, monthsAgo), amountCents, organisationId: DISTRICT, importedBy: importer });

  /** The live alerts, as stored. */
  const live = async (): Promise<AlertRow[]> => app.db.query(
    `SELECT id, rule_code, rule_id, subject_type, subject_id, person_id, household_id, case_id, holding_organisation_id, region_code, severity, score, evidence,
            status, raised_at, last_seen_at
       FROM insight_alerts WHERE cleared_at IS NULL ORDER BY rule_code, subject_type, subject_id`);
  const key = (a: { rule_code: string; subject_id: string }) => `${a.rule_code} ${a.subject_id}`;
  /** An alert as a coordinator reads it: everything but when it was last seen. */
  const content = ({ last_seen_at: _seen, ...rest }: AlertRow) => rest;
  /** Between two lists of live alerts, exactly these were raised and cleared, and every other is the same alert with the same facts. */
  const expectOnly = (before: AlertRow[], after: AlertRow[], change: { raised?: [string, string][]; cleared?: [string, string][] }) => {
    const raised = new Set((change.raised ?? []).map(([code, subject]) => `${code} ${subject}`));
    const cleared = new Set((change.cleared ?? []).map(([code, subject]) => `${code} ${subject}`));
    const was = new Map(before.map((a) => [key(a), a]));
    const is = new Map(after.map((a) => [key(a), a]));
    expect([...raised].filter((k) => was.has(k) || !is.has(k))).toEqual([]);
    expect([...cleared].filter((k) => !was.has(k) || is.has(k))).toEqual([]);
    expect(after.filter((a) => !raised.has(key(a))).map(content)).toEqual(before.filter((a) => !cleared.has(key(a))).map(content));
  };
  const catchUp = async (): Promise<CatchUpResult> => {
    const result = await evaluation.catchUp(new Date());
    expect(result).not.toBeNull();
    expect(result!.failed).toBe(0);
    return result!;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: MODULES, seed: seedIdentityDemo });
    evaluation = app.app.get(InsightEvaluation);
    coordinator = await app.login('jianwai@zhulian.demo');
    importer = (await makeUser(app.db, { memberships: [{ organisationId: DISTRICT, role: Role.COORDINATOR }] })).id;
    for (const [organisationId, login] of [[ELDERLY_NGO, 'ngo@zhulian.demo'], [FAMILY_NGO, 'ngo2@zhulian.demo'], [CHARITY, 'charity@zhulian.demo']]) {
      receivers[organisationId] = { service: (await makeService(app.db, organisationId, { categories: ['ELDERLY_CARE'] })).id, staff: await app.login(login) };
    }
    for (const y of [year, year + 1]) await setSubsistenceLine(app.db, { regionCode: '110000', year: y, monthlyCents: 142_000 });

    // Income: a household of two on 2,000 yuan (below the line), one on 4,000 (above), a person alone on 1,000.
    await register('poor', { fullName: '王建国', birthDate: '1975-05-01', newHousehold: { monthlyIncomeCents: 200_000 } });
    await register('poorSpouse', { fullName: '李秀英', birthDate: '1977-02-11', householdId: ids['poor:household'], relationToHead: 'SPOUSE' });
    await register('fine', { fullName: '周富足', birthDate: '1979-07-07', newHousehold: { monthlyIncomeCents: 400_000 } });
    await register('fineSpouse', { fullName: '吴富足', birthDate: '1980-08-08', householdId: ids['fine:household'], relationToHead: 'SPOUSE' });
    await register('single', { fullName: '孙一人', birthDate: '1980-03-03', monthlyIncomeCents: 100_000 });
    // Old and alone with an illness: one never in contact, one whose only case has stood still for 40 days.
    await register('alone', { fullName: '钱奶奶', birthDate: `${year - 78}-01-01`, chronicIllness: '高血压', newHousehold: {} });
    await register('stalled', { fullName: '冯爷爷', birthDate: `${year - 80}-01-01`, disability: '肢体三级', newHousehold: {} });
    await ageCase(app.db, (await openCase('stalled', 'stalled', ['ELDERLY_CARE'], 'URGENT')).id, 40);
    // Signals: medical bills of a third of a household's income; utility arrears and a disability registered.
    await register('sick', { fullName: '韩立新', birthDate: '1960-01-01', newHousehold: { monthlyIncomeCents: 300_000 } });
    await register('sickSpouse', { fullName: '韩妻', birthDate: '1962-05-05', householdId: ids['sick:household'], relationToHead: 'SPOUSE' });
    await signal('sickSpouse', 'MEDICAL_BILL', 2, 860_000);
    await signal('sickSpouse', 'MEDICAL_BILL', 7, 400_000);
    await register('arrears', { fullName: '欠费人', birthDate: '1970-07-07' });
    await signal('arrears', 'UTILITY_ARREARS', 2, 86_040);
    await signal('arrears', 'DISABILITY_REGISTRATION', 1);
    // Referrals: declined by three organisations in a row, and by two so far.
    for (const [personKey, organisations] of [['declined3', [ELDERLY_NGO, FAMILY_NGO, CHARITY]], ['declined2', [ELDERLY_NGO, FAMILY_NGO]]] as const) {
      await register(personKey, { fullName: personKey === 'declined3' ? '三拒人' : '两拒人', birthDate: '1950-02-02' });
      await openCase(personKey, personKey, ['ELDERLY_CARE']);
      for (const organisationId of organisations) await decline(personKey, personKey, organisationId);
    }
    // Children with one adult at home: one whose mother is in hospital, one whose father is (so far) well.
    await register('mother', { fullName: '住院母亲', birthDate: '1988-05-05', newHousehold: {} });
    await register('child', { fullName: '小明', birthDate: `${year - 9}-01-01`, householdId: ids['mother:household'], relationToHead: 'CHILD' });
    await openCase('mother', 'mother', ['HOSPITALISED']);
    await register('father', { fullName: '单亲父亲', birthDate: '1986-06-06', newHousehold: {} });
    await register('son', { fullName: '小刚', birthDate: `${year - 7}-01-01`, householdId: ids['father:household'], relationToHead: 'CHILD' });
    // Nobody yet.
    for (const key of ['quiet', 'late', 'restarted', 'twoNodes', 'background']) await register(key, { fullName: `${key}某`, birthDate: '1990-01-01', monthlyIncomeCents: 300_000 });
  });
  afterAll(() => app.close());

  const people = () => Object.keys(ids).filter((k) => !k.includes(':'));

  it('finds, person by person, exactly the alerts a run over everything finds — rule by rule, the same facts and scores', async () => {
    const now = new Date();
    // Nothing evaluated yet: the change feed's watermark is where the migration put it.
    expect((await evaluation.feed.state()).seenUntil.getTime()).toBe(0);
    // Scoped first, from nothing: each person's household on its own.
    for (const person of people()) {
      const result = await evaluation.evaluate(now, { personIds: [ids[person]], householdIds: [] });
      expect([person, result.failed, result.cleared]).toEqual([person, 0, 0]);
    }
    const scoped = await live();
    expect([...new Set(scoped.map((a) => a.rule_code))].sort()).toEqual(['CASE_STALLED', 'CHILD_CARER_AWAY', 'DISABILITY_NEWLY_REGISTERED',
      'ELDERLY_ALONE_NO_CONTACT', 'LOW_INCOME_NO_DIBAO', 'MEDICAL_BURDEN', 'REFERRAL_DEAD_END', 'UTILITY_ARREARS_RECENT']);
    expect(scoped.filter((a) => a.rule_code === 'LOW_INCOME_NO_DIBAO').map((a) => a.subject_id).sort()).toEqual([ids['poor:household'], ids.single].sort());

    // Then over everything at the same moment: nothing new, nothing gone, every alert the same.
    const full = await evaluation.evaluate(now);
    expect(full).toMatchObject({ raised: 0, cleared: 0, failed: 0, refreshed: scoped.length });
    expect((await live()).map(content)).toEqual(scoped.map(content));
    // A run over everything has seen every change before it: the change feed need not repeat them.
    expect(await evaluation.feed.state()).toMatchObject({ lastScopePeople: null, failures: 0 });
    expect((await evaluation.feed.state()).seenUntil.getTime()).toBeGreaterThan(now.getTime() - 60_000);

    // And scoped again a moment later: each run finds again what it found, clears nothing, and sees no one else's alerts.
    const later = new Date(now.getTime() + 1000);
    for (const person of people()) {
      const before = await live();
      const result = await evaluation.evaluate(later, { personIds: [ids[person]], householdIds: [] });
      expect([person, result.raised, result.cleared, result.failed]).toEqual([person, 0, 0, 0]);
      const household = new Set([ids[person], ...people().filter((p) => ids[`${p}:household`] && ids[`${p}:household`] === ids[`${person}:household`]).map((p) => ids[p])]);
      const after = await live();
      const seen = after.filter((a) => a.last_seen_at.getTime() !== before.find((b) => b.id === a.id)!.last_seen_at.getTime());
      expect(seen.filter((a) => !household.has(a.person_id) && a.subject_id !== ids[`${person}:household`])).toEqual([]);
    }
    const again = await live();
    expect(again.map(content)).toEqual(scoped.map(content));
    expect(again.every((a) => a.last_seen_at.getTime() === later.getTime())).toBe(true);
    // Until `later` has passed, these alerts were seen in the future, and a run now would leave them (it clears what it did
    // not see before its own moment): the tests below evaluate at the time of day, as the jobs do. A fast machine got here first.
    await sleep(Math.max(0, later.getTime() - Date.now() + 10));
  });

  it('reads no more of a backlog than it takes to know that everything is to be evaluated', async () => {
    // Every record here changed since the epoch: each source gives the most it was asked for, and no more.
    const epoch = new Date(0);
    const people = await app.app.get(PersonFacts).touchedSince(epoch, 3);
    expect(people.personIds).toHaveLength(3);
    expect(await app.app.get(HouseholdFacts).touchedSince(epoch, 2)).toHaveLength(2);
    expect(await app.app.get(CaseFacts).touchedSince(epoch, 1)).toHaveLength(1);
    expect(await app.app.get(ReferralFacts).touchedSince(epoch, 1)).toHaveLength(1);
  });

  it('never clears an alert outside its scope, and widens a scope to the whole household', async () => {
    // The poor household's income rises above the line.
    await changeHouseholdIncome(app.db, ids['poor:household'], 600_000);
    const poorAlert = (await live()).find((a) => a.rule_code === 'LOW_INCOME_NO_DIBAO' && a.subject_id === ids['poor:household'])!;
    // Someone else is evaluated: the household was not looked at, so its alert stays as it was.
    await evaluation.evaluate(new Date(), { personIds: [ids.single], householdIds: [] });
    expect((await live()).find((a) => a.id === poorAlert.id)).toEqual(poorAlert);
    // The spouse (not the person the alert names) is evaluated: the scope is their household, and the alert is cleared.
    const result = await evaluation.evaluate(new Date(), { personIds: [ids.poorSpouse], householdIds: [] });
    expect(result.byRule.LOW_INCOME_NO_DIBAO).toEqual({ found: 0, raised: 0, cleared: 1 });
    expect((await live()).find((a) => a.id === poorAlert.id)).toBeUndefined();
  });

  describe('caught up from the change feed', () => {
    beforeAll(async () => {
      // Past the second the feed keeps behind the clock, so that the catch-ups below see only what the tests change.
      await sleep(PAST_THE_OVERLAP_MS);
      expect(await catchUp()).toMatchObject({ advanced: true });
    });

    it('clears a person’s low-income alert once their income is raised above the line, and nothing else', async () => {
      const before = await live();
      await changePerson(app.db, ids.single, { monthlyIncomeCents: 200_000 });
      const result = await catchUp();
      expect(result).toMatchObject({ advanced: true, raised: 0, cleared: 1 });
      expectOnly(before, await live(), { cleared: [['LOW_INCOME_NO_DIBAO', ids.single]] });
    });

    it('clears the warnings about a stalled case and an old man without contact when something is recorded on his case', async () => {
      const before = await live();
      const res = await coordinator.gql(`mutation($input: UpdateCaseInput!) { updateCase(input: $input) { id } }`,
        { input: { caseId: cases.stalled.id, version: cases.stalled.version, summary: '电话回访，情况稳定' } });
      expect(res.errors).toBeUndefined();
      await catchUp();
      expectOnly(before, await live(), { cleared: [['CASE_STALLED', cases.stalled.id], ['ELDERLY_ALONE_NO_CONTACT', ids.stalled]] });
    });

    it('warns of a dead end at the third organisation declining, and of nothing else', async () => {
      const before = await live();
      await decline('declined2', 'declined2', CHARITY);
      await catchUp();
      expectOnly(before, await live(), { raised: [['REFERRAL_DEAD_END', ids.declined2]] });
    });

    it('warns of a child when their only adult’s case says hospital, though nothing of the child changed', async () => {
      const before = await live();
      await openCase('father', 'father', ['HOSPITALISED']);
      await catchUp();
      expectOnly(before, await live(), { raised: [['CHILD_CARER_AWAY', ids.son]] });
    });

    it('re-judges the whole household when a member joins: one no longer alone, another now below the line per member', async () => {
      const before = await live();
      await register('aloneSpouse', { fullName: '钱爷爷', birthDate: `${year - 77}-03-03`, householdId: ids['alone:household'], relationToHead: 'SPOUSE' });
      await register('fineChild', { fullName: '周小宝', birthDate: `${year - 5}-04-04`, householdId: ids['fine:household'], relationToHead: 'CHILD' });
      await catchUp();
      expectOnly(before, await live(), { cleared: [['ELDERLY_ALONE_NO_CONTACT', ids.alone]], raised: [['LOW_INCOME_NO_DIBAO', ids['fine:household']]] });
    });

    it('evaluates only the household a change touched', async () => {
      await sleep(PAST_THE_OVERLAP_MS);
      await catchUp();
      await signal('sickSpouse', 'MEDICAL_BILL', 1, 100_000);
      const result = await catchUp();
      expect(result).toMatchObject({ people: 2, advanced: true, raised: 0, cleared: 0 });
      expect((await live()).find((a) => a.rule_code === 'MEDICAL_BURDEN')!.evidence).toMatchObject({ signalCount: 3, signalTotalCents: 1_360_000 });
    });

    it('does not move past a change whose transaction began before a catch-up and committed after it', async () => {
      const writer = app.db.createQueryRunner();
      await writer.connect();
      try {
        // Stamped with its transaction's start, and invisible until the commit — which comes after the catch-up below.
        await writer.startTransaction();
        await changePerson(writer.manager, ids.late, { monthlyIncomeCents: 40_000 });
        await sleep(PAST_THE_OVERLAP_MS);
        const during = await catchUp();
        await writer.commitTransaction();
        const [{ stamped }]: { stamped: Date }[] = await app.db.query(`SELECT updated_at AS stamped FROM people WHERE id = $1`, [ids.late]);
        expect(during.until.getTime()).toBeLessThanOrEqual(stamped.getTime());
      } finally {
        await writer.release();
      }
      await catchUp();
      expect((await live()).filter((a) => a.person_id === ids.late).map((a) => a.rule_code)).toEqual(['LOW_INCOME_NO_DIBAO']);
    });

    it('evaluates everything when a line changes, but not twice within a minute when asked by the job', async () => {
      await evaluation.evaluate(new Date());
      const before = await evaluation.feed.state();
      await setSubsistenceLine(app.db, { regionCode: '110000', year, monthlyCents: 142_000 });
      expect(await evaluation.catchUp(new Date(), { fullRunsApartMs: 60_000 })).toMatchObject({ people: null, postponed: true, advanced: false });
      expect((await evaluation.feed.state()).seenUntil).toEqual(before.seenUntil);
      expect(await catchUp()).toMatchObject({ people: null, postponed: false, advanced: true });
      // Once: the rules' watermark keeps no seconds behind the clock, so the next catch-up is over people again.
      expect((await catchUp()).people).not.toBeNull();
    });

    it('keeps the watermark when a run fails, and the next run evaluates the same changes again', async () => {
      await catchUp();
      const before = await evaluation.feed.state();
      await signal('quiet', 'UTILITY_ARREARS', 1, 50_000);
      // The registry's facts fail in the middle of the run (a connection lost).
      const broken = jest.spyOn(app.app.get(PersonFacts), 'livingAloneWithCondition').mockRejectedValue(new Error('Connection terminated unexpectedly'));
      const failed = await evaluation.catchUp(new Date());
      broken.mockRestore();
      expect(failed).toMatchObject({ advanced: false, failed: 1, byRule: { ELDERLY_ALONE_NO_CONTACT: { error: 'Connection terminated unexpectedly', misconfigured: false } } });
      const state = await evaluation.feed.state();
      expect(state).toMatchObject({ seenUntil: before.seenUntil, failures: 1, lastError: expect.stringContaining('Connection terminated') });

      const retried = await catchUp();
      expect(retried).toMatchObject({ since: before.seenUntil, advanced: true });
      expect((await live()).filter((a) => a.person_id === ids.quiet).map((a) => a.rule_code)).toEqual(['UTILITY_ARREARS_RECENT']);
      expect(await evaluation.feed.state()).toMatchObject({ failures: 0, lastError: null });
      expect((await evaluation.feed.state()).seenUntil.getTime()).toBeGreaterThan(before.seenUntil.getTime());
    });

    describe('on a second node', () => {
      let second: INestApplication;
      beforeAll(async () => {
        await catchUp();
        await changePerson(app.db, ids.restarted, { monthlyIncomeCents: 50_000 });
        // Another process on the same database, started after the change, knowing nothing but what the database keeps.
        const config = loadConfig({
          NODE_ENV: 'test', DATABASE_URL: app.database.url, LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'zhulian-test-')),
          WEB_DIR: join(tmpdir(), 'zhulian-no-web-app'), JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
          AUDIT_KEY: 'test-audit-key-that-is-at-least-32-characters', ID_NUMBER_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
          ID_NUMBER_INDEX_KEY: 'test-index-key-that-is-at-least-32-characters',
        });
        second = await createApiApplication(config, MODULES);
        await second.init();
      });
      afterAll(() => second.close());

      it('resumes from the watermark the first left, after a restart', async () => {
        const mark = (await evaluation.feed.state()).seenUntil;
        const result = await second.get(InsightEvaluation).catchUp(new Date());
        expect(result).toMatchObject({ since: mark, advanced: true, failed: 0 });
        // Only what changed since: not everyone again.
        expect(result!.people).toBeLessThan(people().length);
        expect((await live()).filter((a) => a.person_id === ids.restarted).map((a) => a.rule_code)).toEqual(['LOW_INCOME_NO_DIBAO']);
      });

      it('lets one node evaluate at a time: the other finds the lock taken, or waits for it when asked after a change', async () => {
        const facts = app.app.get(PersonFacts);
        const lowIncome = facts.lowIncome.bind(facts);
        let entered!: () => void;
        let open!: () => void;
        const inside = new Promise<void>((resolve) => (entered = resolve));
        const gate = new Promise<void>((resolve) => (open = resolve));
        const held = jest.spyOn(facts, 'lowIncome').mockImplementationOnce(async (...args) => {
          entered();
          await gate;
          return lowIncome(...args);
        });
        const full = evaluation.evaluate(new Date());
        await inside;
        await changePerson(app.db, ids.twoNodes, { monthlyIncomeCents: 50_000 });
        const other = second.get(InsightEvaluation);
        expect(await other.catchUp(new Date())).toBeNull();
        // Asked after a change (as a signal import's end asks), it waits for the lock instead of leaving the change.
        other.evaluateSoon(() => new Date());
        open();
        await full;
        held.mockRestore();
        await other.settled();
        // The last run is the second node's catch-up over the changed household, after the first node's full run.
        expect(await other.feed.state()).toMatchObject({ lastScopePeople: expect.any(Number), failures: 0 });
        expect((await live()).filter((a) => a.person_id === ids.twoNodes).map((a) => a.rule_code)).toEqual(['LOW_INCOME_NO_DIBAO']);
      });
    });

    it('catches up by itself within seconds where jobs run', async () => {
      const jobs = app.app.get(InsightJobs);
      jobs.startCatchingUp();
      try {
        await changePerson(app.db, ids.background, { monthlyIncomeCents: 60_000 });
        let found: AlertRow[] = [];
        for (let i = 0; i < 50 && found.length === 0; i += 1) {
          await sleep(200);
          found = (await live()).filter((a) => a.person_id === ids.background);
        }
        expect(found.map((a) => a.rule_code)).toEqual(['LOW_INCOME_NO_DIBAO']);
      } finally {
        await jobs.stopCatchingUp();
      }
    });
  });
});
