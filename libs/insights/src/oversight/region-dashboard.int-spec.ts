import { APP_CONFIG, AppConfig, Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { seedDirectoryDemo } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { seedWorkDemo } from '@zhulian/referrals';
import { IdNumberVault, RegistryModule, seedRegistryDemo } from '@zhulian/registry';
import { makeOrganisation, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';
import { MIN_CELL } from './small-cells';

const DISTRICT = '0193a000-0000-7000-8000-000000000001';
const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const NGO = '0193a000-0000-7000-8000-000000000004';

interface Dashboard {
  regionCode: string; people: number | null; households: number | null; openCases: number | null;
  byRegion: { regionCode: string; people: number | null; openCases: number | null }[];
  openCasesByAge: { key: string; count: number | null }[]; needs: { key: string; count: number | null }[];
  referralsByReceiver: { organisationName: string; received: number | null; accepted: number | null; acceptanceRate: number | null; medianResponseHours: number | null }[];
  alertsByRule: { ruleCode: string; raised: number | null }[];
}
const DASHBOARD = `query($r: String) { regionDashboard(regionCode: $r) { regionCode people households openCases byRegion { regionCode people openCases }
  openCasesByAge { key count } needs { key count } referralsByReceiver { organisationName received accepted acceptanceRate medianResponseHours }
  alertsByRule { ruleCode raised } } }`;

/** Every count a dashboard shows: what no one may single anyone out by. */
function counts(d: Dashboard): (number | null)[] {
  return [d.people, d.households, d.openCases, ...d.byRegion.flatMap((r) => [r.people, r.openCases]), ...d.openCasesByAge.map((c) => c.count),
    ...d.needs.map((c) => c.count), ...d.referralsByReceiver.flatMap((r) => [r.received, r.accepted]), ...d.alertsByRule.map((r) => r.raised)];
}

/** The region dashboards of a civil-affairs office, on the demo alliance: aggregates only, small counts withheld. */
describe('region dashboards', () => {
  let app: TestApp;
  let district: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    const vault = new IdNumberVault(app.app.get<AppConfig>(APP_CONFIG));
    await app.db.transaction(async (tx) => {
      await seedRegistryDemo(tx, vault);
      await seedDirectoryDemo(tx);
    });
    await app.db.transaction((tx) => seedWorkDemo(tx));
    const user = await makeUser(app.db, { memberships: [{ organisationId: DISTRICT, role: Role.COORDINATOR }] });
    district = await app.login(user.email, user.password);
  });
  afterAll(() => app.close());

  it('gives the district office its region in numbers: the same as the tables hold, where they are 0 or at least 5', async () => {
    const res = await district.gql<{ regionDashboard: Dashboard }>(DASHBOARD);
    expect(res.errors).toBeUndefined();
    const d = res.data!.regionDashboard;
    const [truth]: { people: number; households: number; open: number }[] = await app.db.query(
      `SELECT (SELECT count(*) FROM people WHERE merged_into IS NULL AND region_code LIKE '110105%')::int AS people,
              (SELECT count(DISTINCT household_id) FROM people WHERE merged_into IS NULL AND region_code LIKE '110105%')::int AS households,
              (SELECT count(*) FROM cases WHERE status <> 'CLOSED' AND region_code LIKE '110105%')::int AS open`);
    expect(d).toMatchObject({ regionCode: '110105', people: truth.people, households: truth.households, openCases: truth.open });
    expect(d.byRegion).toEqual([{ regionCode: '110105', people: truth.people, openCases: truth.open }]);
    for (const count of counts(d)) expect(count === null || count === 0 || count >= MIN_CELL).toBe(true);
    // Each need's count, or nothing where the need has 1–4 open cases.
    const needs: { need: string; n: number }[] = await app.db.query(
      `SELECT need, count(*)::int AS n FROM cases, unnest(needs) need WHERE status <> 'CLOSED' GROUP BY need`);
    for (const { need, n } of needs) expect([need, d.needs.find((c) => c.key === need)?.count]).toEqual([need, n < MIN_CELL ? null : n]);
    // The age buckets add up to the open cases, and no single one is withheld alone.
    const withheld = d.openCasesByAge.filter((c) => c.count === null);
    expect(withheld.length).not.toBe(1);
    expect(d.referralsByReceiver.length).toBeGreaterThan(0);
  });

  it('withholds a district’s small count, and the region’s total that would give it back', async () => {
    const city = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE', regionCode: '110000' });
    const cityUser = await makeUser(app.db, { memberships: [{ organisationId: city.id, role: Role.AUDITOR }] });
    const auditor = await app.login(cityUser.email, cityUser.password);
    // Three people in 东城区 (110101), registered by the street office.
    const registrarUser = await makeUser(app.db, { memberships: [{ organisationId: JIANWAI, role: Role.COORDINATOR }] });
    const registrar = await app.login(registrarUser.email, registrarUser.password);
    for (const name of ['甲', '乙', '丙']) {
      const res = await registrar.gql(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, { input: { fullName: `东城${name}`, regionCode: '110101' } });
      expect(res.errors).toBeUndefined();
    }
    const res = await auditor.gql<{ regionDashboard: Dashboard }>(DASHBOARD, { r: '110000' });
    expect(res.errors).toBeUndefined();
    const d = res.data!.regionDashboard;
    expect(d.byRegion.find((r) => r.regionCode === '110101')!.people).toBeNull();
    // Chaoyang's count and the city's are withheld too: either, less the other, would be 东城's three.
    expect(d.byRegion.find((r) => r.regionCode === '110105')!.people).toBeNull();
    expect(d.people).toBeNull();
    for (const count of counts(d)) expect(count === null || count === 0 || count >= MIN_CELL).toBe(true);
    // Asked for 东城 alone: three people is withheld there as well.
    const alone = await auditor.gql<{ regionDashboard: Dashboard }>(DASHBOARD, { r: '110101' });
    expect(alone.data!.regionDashboard.people).toBeNull();
  });

  it('is for civil-affairs offices’ coordinators and auditors, over their own region only', async () => {
    for (const [organisationId, role, reason] of [[DISTRICT, Role.CASEWORKER, 'ROLE_NOT_ALLOWED'], [NGO, Role.COORDINATOR, 'DASHBOARD_NOT_ALLOWED'],
      [DISTRICT, Role.STAFF, 'ROLE_NOT_ALLOWED']] as const) {
      const user = await makeUser(app.db, { memberships: [{ organisationId, role }] });
      const session = await app.login(user.email, user.password);
      const res = await session.gql(DASHBOARD);
      expect([role, res.errors![0].extensions.code]).toEqual([role, 'FORBIDDEN']);
      if (reason === 'DASHBOARD_NOT_ALLOWED') expect(res.errors![0].extensions.reason).toBe(reason);
    }
    const elsewhere = await district.gql(DASHBOARD, { r: '310000' });
    expect(elsewhere.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REGION_NOT_YOURS' });
    const city = await district.gql(DASHBOARD, { r: '110000' });
    expect(city.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REGION_NOT_YOURS' });
    const bad = await district.gql(DASHBOARD, { r: "11'--" });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGION_CODE_INVALID' });
  });
});
