import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makeHousehold, makeInsightAlert, makeOrganisation, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';
import { InsightAlert } from './insight-alert.type';

/**
 * The access matrix for InsightAlert, generated from its declarations: every viewer × every declared field ×
 * every path (look-up, list, filtered list and count, the rules' counts, a decision's answer). A new field
 * gets its expectation from its category and needs a fixture value, so it is covered the day it is declared.
 */
const HOLDER = '0193a000-0000-7000-8000-000000000002';
const NGO = '0193a000-0000-7000-8000-000000000004';

type Viewer = { org: 'holder' | 'ngo' | 'other'; role: Role; assigned?: boolean; sees: FieldCategory[] | 'hidden' };
const VIEWERS: Record<string, Viewer> = {
  'the holder’s coordinator': { org: 'holder', role: Role.COORDINATOR, sees: ['basic', 'financial', 'health', 'case_notes'] },
  'a caseworker of the holder assigned to the person’s case': { org: 'holder', role: Role.CASEWORKER, assigned: true, sees: 'hidden' },
  'staff of the holder': { org: 'holder', role: Role.STAFF, sees: 'hidden' },
  'the holder’s org admin': { org: 'holder', role: Role.ORG_ADMIN, sees: 'hidden' },
  'a volunteer of the holder': { org: 'holder', role: Role.VOLUNTEER, sees: 'hidden' },
  'an auditor of the holder': { org: 'holder', role: Role.AUDITOR, sees: 'hidden' },
  'a platform admin of the holder': { org: 'holder', role: Role.PLATFORM_ADMIN, sees: 'hidden' },
  'a coordinator of an NGO the person consented to': { org: 'ngo', role: Role.COORDINATOR, sees: 'hidden' },
  'a coordinator of another organisation': { org: 'other', role: Role.COORDINATOR, sees: 'hidden' },
};

const EVIDENCE = { householdSize: 1, incomePerPersonCents: 90_000, lineCents: 142_000, age: 81, livesAlone: true, healthConditionRecorded: true,
  daysInactive: 45, casePriority: 'HIGH', limitDays: 7, signalCount: 3, signalTotalCents: 2_400_000, burdenPercent: 222, lastSignalOn: '2026-10-08', months: 12,
  declinedInARow: 3, expiredUnanswered: true, carerAwayNeed: 'HOSPITALISED' };
const FIXTURE: Record<string, unknown> = {
  ...EVIDENCE, subjectType: 'Person', regionCode: '110105', severity: 'HIGH', score: 88, status: 'DISMISSED', reasonCode: 'OTHER', reasonText: '家属已接回同住',
};
const RELATIONS = new Set(['person', 'rule']);
const FIELDS = [...sensitiveFieldsOf(InsightAlert)].filter(([f, d]) => d.category !== 'none' && !RELATIONS.has(f)).map(([field, d]) => ({ field, category: d.category }));
const SELECTION = `id ${FIELDS.map((f) => f.field).join(' ')} person { id } rule { code }`;

describe('the access matrix for InsightAlert', () => {
  let app: TestApp;
  let alertId: string;
  let openAlertId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    const other = await makeOrganisation(app.db);
    const coordinator = await app.loginNewMember(HOLDER, Role.COORDINATOR);
    sessions.set('the holder’s coordinator', coordinator);
    const household = await makeHousehold(coordinator, { head: { fullName: '陶桂芝', birthDate: '1945-03-03', chronicIllness: '糖尿病' }, monthlyIncomeCents: 90_000 });
    const personId = household.headId;
    // Consent to everything an alert derives from (health and financial data each need a consent of their own): still no alert for the NGO.
    for (const categories of [['basic', 'case_notes'], ['health'], ['financial']]) {
      await makeConsent(coordinator, { personId, recipientOrganisationId: NGO, categories, purpose: 'CASE_MANAGEMENT', evidence: '知情同意书 A-7' });
    }
    const caseId = (await makeCase(coordinator, personId, { priority: 'HIGH' })).id;
    FIXTURE.householdId = household.id;
    FIXTURE.caseId = caseId;
    alertId = (await makeInsightAlert(app.db, { ruleCode: 'ELDERLY_ALONE_NO_CONTACT', personId, holdingOrganisationId: HOLDER, householdId: FIXTURE.householdId as string,
      caseId, score: 88, evidence: EVIDENCE, status: 'DISMISSED', reasonCode: 'OTHER', reasonText: FIXTURE.reasonText as string })).id;
    openAlertId = (await makeInsightAlert(app.db, { ruleCode: 'LOW_INCOME_NO_DIBAO', personId, holdingOrganisationId: HOLDER, evidence: EVIDENCE })).id;
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      if (sessions.has(name)) continue;
      const organisationId = { holder: HOLDER, ngo: NGO, other: other.id }[viewer.org];
      const user = await app.loginNewMember(organisationId, viewer.role);
      sessions.set(name, user);
      if (viewer.assigned) {
        const res = await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`, { input: { caseId, userId: user.userId } });
        expect(res.errors).toBeUndefined();
      }
    }
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE[field] !== undefined]).toEqual([field, true]);
  });

  const expected = (viewer: string, category: FieldCategory, field: string) => {
    const sees = VIEWERS[viewer].sees;
    return sees !== 'hidden' && sees.includes(category) ? FIXTURE[field] : null;
  };
  const expectAlert = (viewer: string, found: Record<string, unknown>) => {
    for (const { field, category } of FIELDS) expect([field, found[field]]).toEqual([field, expected(viewer, category, field)]);
  };

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    const hidden = VIEWERS[viewer].sees === 'hidden';

    it('insightAlert(id): exactly the allowed values, the rest null and named', async () => {
      const res = await sessions.get(viewer)!.gql<{ insightAlert: Record<string, unknown> }>(`query($id: ID!) { insightAlert(id: $id) { ${SELECTION} } }`, { id: alertId });
      if (hidden) {
        expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ALERT_NOT_FOUND' });
        return;
      }
      expectAlert(viewer, res.data!.insightAlert);
      const denied = ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path).filter((p) => !p.startsWith('insightAlert.person'));
      expect(denied.sort()).toEqual(FIELDS.filter(({ field, category }) => expected(viewer, category, field) === null).map((f) => `insightAlert.${f.field}`).sort());
    });

    it('list, filtered list, count and the rules’ counts: the same, counted only when visible', async () => {
      const res = await sessions.get(viewer)!.gql<{ all: { edges: { node: Record<string, unknown> }[] }; filtered: { edges: unknown[] }; insightAlertsCount: number;
        insightRules: { code: string; stats: { raised: number; dismissed: number } }[] }>(
        `{ all: insightAlerts(first: 20) { edges { node { ${SELECTION} } } }
           filtered: insightAlerts(filter: { ruleCode: "ELDERLY_ALONE_NO_CONTACT", status: [DISMISSED], severity: [HIGH], regionCode: "110105" }) { edges { node { id } } }
           insightAlertsCount insightRules { code stats { raised dismissed } } }`);
      expect(res.errors).toBeUndefined();
      const node = res.data!.all.edges.map((e) => e.node).find((n) => n.id === alertId);
      expect(res.data!.insightAlertsCount).toBe(hidden ? 0 : 2);
      expect(res.data!.filtered.edges).toHaveLength(hidden ? 0 : 1);
      const stats = res.data!.insightRules.find((r) => r.code === 'ELDERLY_ALONE_NO_CONTACT')!.stats;
      expect(stats).toEqual(hidden ? { raised: 0, dismissed: 0 } : { raised: 1, dismissed: 1 });
      if (hidden) {
        expect(node).toBeUndefined();
        return;
      }
      expectAlert(viewer, node!);
    });

    it('a decision: made and answered only by who may see the alert', async () => {
      const res = await sessions.get(viewer)!.gql<{ acknowledgeInsightAlert: Record<string, unknown> }>(
        `mutation($input: AcknowledgeInsightAlertInput!) { acknowledgeInsightAlert(input: $input) { id status incomePerPersonCents healthConditionRecorded } }`,
        { input: { alertId: openAlertId, version: 1 } });
      if (hidden) {
        expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ALERT_NOT_FOUND' });
        return;
      }
      expect(res.data!.acknowledgeInsightAlert).toEqual({ id: openAlertId, status: 'ACKNOWLEDGED', incomePerPersonCents: 90_000, healthConditionRecorded: true });
    });
  });

  it('left every alert as it was for those who may not decide', async () => {
    const rows: { status: string }[] = await app.db.query(`SELECT status FROM insight_alerts WHERE id = $1`, [openAlertId]);
    // The coordinator's describe block runs first: the one acknowledgement is theirs.
    expect(rows).toEqual([{ status: 'ACKNOWLEDGED' }]);
  });

  it('shows the alert’s person nested, under the person’s own rules', async () => {
    const res = await sessions.get('the holder’s coordinator')!.gql<{ insightAlert: { person: unknown } }>(
      `query($id: ID!) { insightAlert(id: $id) { person { fullName chronicIllness } } }`, { id: alertId });
    expect(res.data!.insightAlert.person).toEqual({ fullName: '陶桂芝', chronicIllness: '糖尿病' });
  });
});
