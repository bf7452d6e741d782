import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { CasesModule } from '@zhulian/cases';
import { makeCase, makeInsightRuleVersion, makeOrganisation, makePerson, setSubsistenceLine, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';
import { ageOn, beijingDate, InsightEvaluation } from './insight-evaluation';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const DAY = 86_400_000;

interface AlertView {
  id: string; ruleCode: string; subjectType: string; status: string; version: number; score: number; clearedAt: string | null;
  householdSize: number | null; incomePerPersonCents: number | null; lineCents: number | null; age: number | null; daysInactive: number | null;
  casePriority: string | null; limitDays: number | null; healthConditionRecorded: boolean | null; caseId: string | null;
  person: { id: string; fullName: string | null } | null; rule: { code: string; version: number; regionCode: string };
}
const ALERT_FIELDS = `id ruleCode subjectType status version score clearedAt householdSize incomePerPersonCents lineCents age daysInactive casePriority
  limitDays healthConditionRecorded caseId person { id fullName } rule { code version regionCode }`;

/** The early-warning rules over real records, evaluated at chosen moments, and their alerts through GraphQL. */
describe('the assistance brain: early-warning rules and their alerts', () => {
  let app: TestApp;
  let evaluation: InsightEvaluation;
  let coordinator: SignedIn;
  // The moment of the first evaluation: just after the records below were made.
  let now = new Date();
  const { year } = beijingDate(now);
  const ids: Record<string, string> = {};

  const register = async (key: string, input: Record<string, unknown>) => {
    const person = await makePerson(coordinator, input);
    ids[key] = person.id;
    if (person.householdId) ids[`${key}:household`] = person.householdId;
    return ids[key];
  };
  const alerts = async (session: SignedIn, filter: Record<string, unknown> = {}) => {
    const res = await session.gql<{ insightAlerts: { edges: { node: AlertView }[] } }>(
      `query($filter: InsightAlertFilter) { insightAlerts(first: 50, filter: $filter) { edges { node { ${ALERT_FIELDS} } } } }`, { filter });
    expect(res.errors).toBeUndefined();
    return res.data!.insightAlerts.edges.map((e) => e.node);
  };
  const about = (list: AlertView[], code: string, personKey: string) => list.filter((a) => a.ruleCode === code && a.person?.id === ids[personKey]);

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    evaluation = app.app.get(InsightEvaluation);
    coordinator = await app.loginNewMember(JIANWAI, Role.COORDINATOR);
    // This year's line and next (the runs below look up to five weeks ahead).
    for (const y of [year, year + 1]) await setSubsistenceLine(app.db, { regionCode: '110000', year: y, monthlyCents: 142_000 });

    // Two members on 2,000 yuan: 1,000 each, below the line, no 低保.
    await register('poor', { fullName: '王建国', birthDate: '1975-05-01', newHousehold: { monthlyIncomeCents: 200_000 } });
    await register('poorSpouse', { fullName: '李秀英', birthDate: '1977-02-11', householdId: ids['poor:household'], relationToHead: 'SPOUSE' });
    // The same, but one of them receives 低保 already.
    await register('helped', { fullName: '赵大海', birthDate: '1970-01-01', newHousehold: { monthlyIncomeCents: 200_000 } });
    await register('helpedChild', { fullName: '赵小海', birthDate: '2012-09-09', householdId: ids['helped:household'], relationToHead: 'CHILD', assistance: ['DIBAO'] });
    // In no household, 1,000 yuan a month.
    await register('single', { fullName: '孙一人', birthDate: '1980-03-03', monthlyIncomeCents: 100_000 });
    // Two members on 4,000 yuan: above the line.
    await register('fine', { fullName: '周富足', birthDate: '1979-07-07', newHousehold: { monthlyIncomeCents: 400_000 } });
    await register('fineSpouse', { fullName: '吴富足', birthDate: '1980-08-08', householdId: ids['fine:household'], relationToHead: 'SPOUSE' });
    // Living alone at 78 with a chronic illness, no case ever.
    await register('alone', { fullName: '钱奶奶', birthDate: `${year - 78}-01-01`, chronicIllness: '高血压', newHousehold: {} });
    // The same age and illness, but with a spouse.
    await register('together', { fullName: '郑爷爷', birthDate: `${year - 78}-01-01`, disability: '听力二级', newHousehold: {} });
    await register('togetherSpouse', { fullName: '郑奶奶', birthDate: `${year - 76}-01-01`, householdId: ids['together:household'], relationToHead: 'SPOUSE' });
    // Living alone at 80 with a disability, with a case opened today.
    await register('followed', { fullName: '冯爷爷', birthDate: `${year - 80}-01-01`, disability: '肢体三级', newHousehold: {} });
    ids.urgentCase = (await makeCase(coordinator, ids.followed, { priority: 'URGENT' })).id;
    now = new Date();
  });
  afterAll(() => app.close());

  it('finds households below the line with no 低保, people living alone without contact, and nothing else', async () => {
    const result = await evaluation.evaluate(now);
    expect(result.failed).toBe(0);
    const list = await alerts(coordinator);
    const low = list.filter((a) => a.ruleCode === 'LOW_INCOME_NO_DIBAO');
    expect(low.map((a) => a.person!.id).sort()).toEqual([ids.poor, ids.single].sort());
    expect(about(list, 'LOW_INCOME_NO_DIBAO', 'poor')[0]).toMatchObject({
      subjectType: 'Household', householdSize: 2, incomePerPersonCents: 100_000, lineCents: 142_000, status: 'OPEN', score: 65,
      rule: { code: 'LOW_INCOME_NO_DIBAO', version: 1, regionCode: '110000' }, person: { fullName: '王建国' },
    });
    expect(about(list, 'LOW_INCOME_NO_DIBAO', 'single')[0]).toMatchObject({ subjectType: 'Person', householdSize: 1, incomePerPersonCents: 100_000 });
    const alone = list.filter((a) => a.ruleCode === 'ELDERLY_ALONE_NO_CONTACT');
    expect(alone.map((a) => a.person!.id)).toEqual([ids.alone]);
    expect(alone[0]).toMatchObject({ age: 78, daysInactive: null, healthConditionRecorded: true });
    // The case opened today is not stale yet.
    expect(list.filter((a) => a.ruleCode === 'CASE_STALLED')).toEqual([]);
  });

  it('raises nothing twice: a second run refreshes what it finds again', async () => {
    const before = await alerts(coordinator);
    const again = await evaluation.evaluate(new Date(now.getTime() + 1000));
    expect(again.raised).toBe(0);
    expect(again.refreshed).toBe(before.length);
    expect((await alerts(coordinator)).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
  });

  it('warns when a case stands still past its priority’s limit, and when an old person’s only contact grows old', async () => {
    const later = new Date(now.getTime() + 31 * DAY);
    await evaluation.evaluate(later);
    const list = await alerts(coordinator);
    expect(list.filter((a) => a.ruleCode === 'CASE_STALLED')).toEqual([
      expect.objectContaining({ subjectType: 'Case', caseId: ids.urgentCase, casePriority: 'URGENT', limitDays: 2, daysInactive: 31, score: 100 }),
    ]);
    expect(about(list, 'ELDERLY_ALONE_NO_CONTACT', 'followed')[0]).toMatchObject({ age: ageOn(`${year - 80}-01-01`, beijingDate(later).date), daysInactive: 31 });
  });

  it('keeps a dismissal while the condition holds, counts it against the rule, and clears the alert when the condition stops', async () => {
    const [single] = about(await alerts(coordinator), 'LOW_INCOME_NO_DIBAO', 'single');
    const other = await coordinator.gql(`mutation($input: DismissInsightAlertInput!) { dismissInsightAlert(input: $input) { id } }`,
      { input: { alertId: single.id, version: single.version, reasonCode: 'OTHER' } });
    expect(other.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_TEXT_REQUIRED' });
    const dismissed = await coordinator.gql<{ dismissInsightAlert: { status: string; version: number } }>(
      `mutation($input: DismissInsightAlertInput!) { dismissInsightAlert(input: $input) { status version reasonCode reasonText } }`,
      { input: { alertId: single.id, version: single.version, reasonCode: 'ALREADY_HELPED', reasonText: '已由街道临时救助' } });
    expect(dismissed.data!.dismissInsightAlert).toMatchObject({ status: 'DISMISSED', version: single.version + 1, reasonCode: 'ALREADY_HELPED', reasonText: '已由街道临时救助' });
    const stale = await coordinator.gql(`mutation($input: AcknowledgeInsightAlertInput!) { acknowledgeInsightAlert(input: $input) { id } }`,
      { input: { alertId: single.id, version: single.version } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALERT_ALREADY_DECIDED' });
    const [poor] = about(await alerts(coordinator), 'LOW_INCOME_NO_DIBAO', 'poor');
    const acknowledged = await coordinator.gql<{ acknowledgeInsightAlert: { status: string } }>(
      `mutation($input: AcknowledgeInsightAlertInput!) { acknowledgeInsightAlert(input: $input) { status } }`,
      { input: { alertId: poor.id, version: poor.version, note: '下周入户核查' } });
    expect(acknowledged.data!.acknowledgeInsightAlert.status).toBe('ACKNOWLEDGED');

    await evaluation.evaluate(new Date(now.getTime() + 32 * DAY));
    expect(about(await alerts(coordinator), 'LOW_INCOME_NO_DIBAO', 'single')[0]).toMatchObject({ id: single.id, status: 'DISMISSED' });
    const rules = await coordinator.gql<{ insightRules: { code: string; stats: { raised: number; confirmed: number; dismissed: number; precision: number | null } }[] }>(
      `{ insightRules { code stats { raised confirmed dismissed precision } } }`);
    expect(rules.data!.insightRules.find((r) => r.code === 'LOW_INCOME_NO_DIBAO')!.stats).toEqual({ raised: 2, confirmed: 1, dismissed: 1, precision: 0.5 });

    // The line comes down to 800 yuan: nobody here is below it any more.
    for (const y of [year, year + 1]) await setSubsistenceLine(app.db, { regionCode: '110000', year: y, monthlyCents: 80_000 });
    await evaluation.evaluate(new Date(now.getTime() + 33 * DAY));
    expect((await alerts(coordinator, { ruleCode: 'LOW_INCOME_NO_DIBAO' }))).toEqual([]);
    const gone = await alerts(coordinator, { ruleCode: 'LOW_INCOME_NO_DIBAO', live: false });
    expect(gone.map((a) => a.id).sort()).toEqual([single.id, poor.id].sort());
    expect(gone.every((a) => a.clearedAt !== null)).toBe(true);
  });

  it('judges each person by their district’s own version of a rule, and a district may retire one', async () => {
    await makeInsightRuleVersion(app.db, { code: 'ELDERLY_ALONE_NO_CONTACT', regionCode: '110105', params: { minAge: 80, inactiveDays: 30 } });
    await evaluation.evaluate(new Date(now.getTime() + 34 * DAY));
    const alone = (await alerts(coordinator, { ruleCode: 'ELDERLY_ALONE_NO_CONTACT' })).map((a) => a.person!.id);
    expect(alone).toEqual([ids.followed]);
    expect((await alerts(coordinator, { ruleCode: 'ELDERLY_ALONE_NO_CONTACT' }))[0].rule).toMatchObject({ regionCode: '110105', version: 1 });
    await makeInsightRuleVersion(app.db, { code: 'ELDERLY_ALONE_NO_CONTACT', regionCode: '110105', active: false });
    await evaluation.evaluate(new Date(now.getTime() + 35 * DAY));
    expect(await alerts(coordinator, { ruleCode: 'ELDERLY_ALONE_NO_CONTACT' })).toEqual([]);
  });

  it('shows alerts to the holder’s coordinators only, and tells nobody else they exist', async () => {
    const [alert] = await alerts(coordinator, { ruleCode: 'CASE_STALLED' });
    const other = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE' });
    for (const [organisationId, role] of [[other.id, Role.COORDINATOR], [JIANWAI, Role.CASEWORKER], [JIANWAI, Role.STAFF], [JIANWAI, Role.AUDITOR],
      [JIANWAI, Role.ORG_ADMIN]] as const) {
      const session = await app.loginNewMember(organisationId, role);
      expect([role, await alerts(session)]).toEqual([role, []]);
      expect((await session.gql<{ insightAlertsCount: number }>(`{ insightAlertsCount }`)).data!.insightAlertsCount).toBe(0);
      const one = await session.gql(`query($id: ID!) { insightAlert(id: $id) { id } }`, { id: alert.id });
      expect(one.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ALERT_NOT_FOUND' });
      const dismiss = await session.gql(`mutation($input: DismissInsightAlertInput!) { dismissInsightAlert(input: $input) { id } }`,
        { input: { alertId: alert.id, version: alert.version, reasonCode: 'NOT_IN_NEED' } });
      expect(dismiss.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
      const rules = await session.gql<{ insightRules: { stats: { raised: number } }[] }>(`{ insightRules { stats { raised } } }`);
      expect(rules.data!.insightRules.every((r) => r.stats.raised === 0)).toBe(true);
    }
    expect(await app.db.query(`SELECT status FROM insight_alerts WHERE id = $1`, [alert.id])).toEqual([{ status: 'OPEN' }]);
  });

  it('refuses bad filters and inputs with a code, changing nothing', async () => {
    const bad = await coordinator.gql(`{ insightAlerts(filter: { regionCode: "11'; --" }) { edges { node { id } } } }`);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const badId = await coordinator.gql(`mutation { acknowledgeInsightAlert(input: { alertId: "x", version: 1 }) { id } }`);
    expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const inRegion = await alerts(coordinator, { regionCode: '110000', live: false });
    expect(inRegion.length).toBeGreaterThan(0);
    expect(await alerts(coordinator, { regionCode: '310000', live: false })).toEqual([]);
  });
});
