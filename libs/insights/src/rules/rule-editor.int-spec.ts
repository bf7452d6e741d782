import { CasesModule } from '@zhulian/cases';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeHousehold, SignedIn, TestApp } from '@zhulian/testing';
import { InsightEvaluation, beijingDate } from '../evaluation/insight-evaluation';
import { InsightsModule } from '../insights.module';

const DAY = 86_400_000;
const SAVE = `mutation($input: SaveInsightRuleVersionInput!) { saveInsightRuleVersion(input: $input) { id code version regionCode severity params active } }`;

interface RuleView { id: string; code: string; version: number; regionCode: string; severity: string; params: string; active: boolean;
  nameZh: string; nameEn: string; descriptionZh: string; descriptionEn: string }

/** A region tunes an early-warning rule for itself through GraphQL, and the next evaluation judges by it. */
describe('tuning early-warning rules', () => {
  let app: TestApp;
  let evaluation: InsightEvaluation;
  let district: SignedIn;
  let street: SignedIn;
  const { year } = beijingDate(new Date());

  const rules = async (session: SignedIn) => {
    const res = await session.gql<{ insightRules: RuleView[] }>(`{ insightRules { id code version regionCode severity params active nameZh nameEn descriptionZh descriptionEn } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.insightRules;
  };
  const elderlyRules = async () => (await rules(street)).filter((r) => r.code === 'ELDERLY_ALONE_NO_CONTACT');
  /** A new version built on one the page shows, with changes. */
  const version = (base: RuleView, changes: Record<string, unknown>) => ({
    basedOnId: base.id, regionCode: '110105', expectedVersion: 0, severity: base.severity, params: base.params, active: base.active,
    nameZh: base.nameZh, nameEn: base.nameEn, descriptionZh: base.descriptionZh, descriptionEn: base.descriptionEn, ...changes,
  });
  const alertsFor = async (personId: string) => {
    const res = await street.gql<{ insightAlerts: { edges: { node: { ruleCode: string; severity: string; person: { id: string } | null } }[] } }>(
      `{ insightAlerts(first: 50, filter: { ruleCode: "ELDERLY_ALONE_NO_CONTACT" }) { edges { node { ruleCode severity person { id } } } } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.insightAlerts.edges.map((e) => e.node).filter((a) => a.person?.id === personId);
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    evaluation = app.app.get(InsightEvaluation);
    district = await app.login('coordinator@zhulian.demo');
    street = await app.login('jianwai@zhulian.demo');
  });
  afterAll(() => app.close());

  it('lets the district office’s coordinators tune a rule for their district, and the next evaluation judges by their version', async () => {
    const personId = (await makeHousehold(street, { head: { fullName: '孔奶奶', birthDate: `${year - 78}-01-01`, chronicIllness: '冠心病' } })).headId;
    const start = Date.now();
    await evaluation.settled();
    await evaluation.evaluate(new Date(start + 31 * DAY));
    expect(await alertsFor(personId)).toHaveLength(1);

    expect((await district.gql<{ insightRuleRegions: string[] }>(`{ insightRuleRegions }`)).data!.insightRuleRegions).toEqual(['110105']);
    expect((await street.gql<{ insightRuleRegions: string[] }>(`{ insightRuleRegions }`)).data!.insightRuleRegions).toEqual([]);
    const [city] = await elderlyRules();
    expect(city).toMatchObject({ regionCode: '110000', version: 1 });

    // Chaoyang looks at 80 and over only, and calls it critical.
    const saved = await district.gql<{ saveInsightRuleVersion: RuleView }>(SAVE, { input: version(city, { params: '{"minAge":80,"inactiveDays":30}', severity: 'CRITICAL' }) });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveInsightRuleVersion).toMatchObject({ code: 'ELDERLY_ALONE_NO_CONTACT', version: 1, regionCode: '110105', severity: 'CRITICAL', active: true });
    expect(JSON.parse(saved.data!.saveInsightRuleVersion.params)).toEqual({ minAge: 80, inactiveDays: 30 });
    expect((await elderlyRules()).map((r) => `${r.regionCode} v${r.version}`).sort()).toEqual(['110000 v1', '110105 v1']);
    await evaluation.settled();
    await evaluation.evaluate(new Date(start + 32 * DAY));
    expect(await alertsFor(personId)).toHaveLength(0);

    // Back to 70, a second version; then retired for the district.
    const district1 = (await elderlyRules()).find((r) => r.regionCode === '110105')!;
    const back = await district.gql(SAVE, { input: version(district1, { expectedVersion: 1, params: '{"minAge":70,"inactiveDays":30}' }) });
    expect(back.errors).toBeUndefined();
    await evaluation.settled();
    await evaluation.evaluate(new Date(start + 33 * DAY));
    expect(await alertsFor(personId)).toEqual([expect.objectContaining({ severity: 'CRITICAL' })]);
    const district2 = (await elderlyRules()).find((r) => r.regionCode === '110105')!;
    expect(district2.version).toBe(2);
    const retired = await district.gql(SAVE, { input: version(district2, { expectedVersion: 2, active: false }) });
    expect(retired.errors).toBeUndefined();
    await evaluation.settled();
    await evaluation.evaluate(new Date(start + 34 * DAY));
    expect(await alertsFor(personId)).toHaveLength(0);

    const [audited] = await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'InsightRule' AND action = 'CHANGE'`);
    expect(audited.n).toBe(3);
  });

  it('refuses parameters the rule cannot read, a stale version, another region, and anyone but a top office’s coordinators — changing nothing', async () => {
    const city = (await rules(street)).find((r) => r.code === 'CASE_STALLED' && r.regionCode === '110000')!;
    const before = (await rules(street)).length;
    const cases: [SignedIn, Record<string, unknown>, string, string][] = [
      [district, { params: 'not json' }, 'BAD_USER_INPUT', 'RULE_PARAMETERS_NOT_JSON'],
      [district, { params: '[1,2]' }, 'BAD_USER_INPUT', 'RULE_PARAMETERS_NOT_JSON'],
      [district, { params: '{"limitDays":{"URGENT":0,"HIGH":7,"NORMAL":14,"LOW":30}}' }, 'BAD_USER_INPUT', 'RULE_PARAMETER_INVALID'],
      [district, { params: '{}' }, 'BAD_USER_INPUT', 'RULE_PARAMETER_INVALID'],
      [district, { expectedVersion: 3 }, 'CONFLICT', 'STALE_VERSION'],
      [district, { regionCode: '110101' }, 'FORBIDDEN', 'RULES_NOT_YOURS'],
      [street, {}, 'FORBIDDEN', 'RULES_NOT_YOURS'],
      [await app.login('auditor@zhulian.demo'), {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      [await app.login('ngo@zhulian.demo'), {}, 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
    ];
    for (const [session, changes, code, reason] of cases) {
      const res = await session.gql(SAVE, { input: version(city, changes) });
      expect([reason, res.errors?.[0].extensions]).toEqual([reason, expect.objectContaining({ code, reason })]);
    }
    expect((await rules(street)).length).toBe(before);
  });
});
