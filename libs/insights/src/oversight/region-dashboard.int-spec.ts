import { APP_CONFIG, AppConfig, Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { seedDirectoryDemo } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { seedWorkDemo } from '@zhulian/referrals';
import { IdNumberVault, RegistryModule, seedRegistryDemo } from '@zhulian/registry';
import { makeAttendedTask, makeOrganisation, makePerson, makeReferralsTo, makeServiceWithPlaces, makeUser, makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';
import { MIN_CELL } from './small-cells';

const DISTRICT = '0193a000-0000-7000-8000-000000000001';
const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const NGO = '0193a000-0000-7000-8000-000000000004';

interface Dashboard {
  regionCode: string; people: number | null; households: number | null; openCases: number | null;
  byRegion: { regionCode: string; people: number | null; openCases: number | null }[];
  openCasesByAge: { key: string; count: number | null }[]; needs: { key: string; count: number | null }[];
  referralsByReceiver: { organisationId: string; organisationName: string; received: number | null; accepted: number | null; acceptanceRate: number | null; medianResponseHours: number | null }[];
  alertsByRule: { ruleCode: string; raised: number | null }[];
  services: { serviceId: string; serviceName: string; organisationId: string; organisationName: string; status: string; capacityTracked: boolean;
    placesTotal: number | null; placesAvailable: number | null; use: number | null; referralsReceived: number | null; referralsAccepted: number | null }[];
  volunteerHours: { since: string; hours: number | null; volunteers: number | null; byMonth: HoursCell[]; bySkill: (HoursCell & { nameZh: string | null })[] };
}
interface HoursCell { key: string; hours: number | null; volunteers: number | null }
const DASHBOARD = `query($r: String) { regionDashboard(regionCode: $r) { regionCode people households openCases byRegion { regionCode people openCases }
  openCasesByAge { key count } needs { key count } referralsByReceiver { organisationId organisationName received accepted acceptanceRate medianResponseHours }
  alertsByRule { ruleCode raised }
  services { serviceId serviceName organisationId organisationName status capacityTracked placesTotal placesAvailable use referralsReceived referralsAccepted }
  volunteerHours { since hours volunteers byMonth { key hours volunteers } bySkill { key nameZh hours volunteers } } } }`;

/** Every count a dashboard shows: what no one may single anyone out by. */
function counts(d: Dashboard): (number | null)[] {
  return [d.people, d.households, d.openCases, ...d.byRegion.flatMap((r) => [r.people, r.openCases]), ...d.openCasesByAge.map((c) => c.count),
    ...d.needs.map((c) => c.count), ...d.referralsByReceiver.flatMap((r) => [r.received, r.accepted]), ...d.alertsByRule.map((r) => r.raised),
    ...d.services.flatMap((s) => [s.referralsReceived, s.referralsAccepted]), d.volunteerHours.volunteers,
    ...[...d.volunteerHours.byMonth, ...d.volunteerHours.bySkill].map((c) => c.volunteers)];
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
    district = await app.loginNewMember(DISTRICT, Role.COORDINATOR);
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
    // Broken down by street: the demo's two street offices keep their people in 建外 (110105001) and 三里屯 (110105004).
    const perStreet: { region_code: string; people: number; open: number }[] = await app.db.query(
      `SELECT p.region_code, count(*)::int AS people, (SELECT count(*) FROM cases k WHERE k.status <> 'CLOSED' AND k.region_code = p.region_code)::int AS open
         FROM people p WHERE p.merged_into IS NULL AND p.region_code LIKE '110105%' GROUP BY 1 ORDER BY 1`);
    expect(perStreet.map((r) => r.region_code)).toEqual(['110105001', '110105004']);
    expect(d.byRegion.map((r) => [r.regionCode, r.people])).toEqual(perStreet.map((r) => [r.region_code, r.people]));
    for (const [i, r] of perStreet.entries()) expect([r.region_code, d.byRegion[i].openCases ?? r.open]).toEqual([r.region_code, r.open]);
    for (const count of counts(d)) expect(count === null || count === 0 || count >= MIN_CELL).toBe(true);
    // Each need's count, or nothing where the need has 1–4 open cases — in the district, or in a street, which
    // can be asked for alone, so that the district's count less the other street's would give it back.
    const needs: { need: string; n: number; streets: number[] }[] = await app.db.query(
      `SELECT need, sum(n)::int AS n, array_agg(n) AS streets FROM (
         SELECT need, region_code, count(*)::int AS n FROM cases, unnest(needs) need WHERE status <> 'CLOSED' GROUP BY 1, 2) per GROUP BY need`);
    for (const { need, n, streets } of needs) {
      const small = streets.filter((c) => c < MIN_CELL);
      const withheld = n < MIN_CELL || small.length === 1 || (small.length > 1 && small.reduce((a, b) => a + b, 0) < MIN_CELL);
      expect([need, d.needs.find((c) => c.key === need)?.count]).toEqual([need, withheld ? null : n]);
    }
    expect(d.needs.some((c) => c.count !== null)).toBe(true);
    // The age buckets add up to the open cases, and no single one is withheld alone.
    const withheld = d.openCasesByAge.filter((c) => c.count === null);
    expect(withheld.length).not.toBe(1);
    expect(d.referralsByReceiver.length).toBeGreaterThan(0);
  });

  it('withholds a district’s small count, and the region’s total that would give it back', async () => {
    const city = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE', regionCode: '110000' });
    const auditor = await app.loginNewMember(city.id, Role.AUDITOR);
    // Three people in 东城区 (110101), registered by the street office.
    const registrar = await app.loginNewMember(JIANWAI, Role.COORDINATOR);
    for (const name of ['甲', '乙', '丙']) {
      await makePerson(registrar, { fullName: `东城${name}`, regionCode: '110101' });
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
    const volunteers = await makeOrganisation(app.db, { kind: 'VOLUNTEER_GROUP' });
    for (const [organisationId, role, reason] of [[DISTRICT, Role.CASEWORKER, 'ROLE_NOT_ALLOWED'], [NGO, Role.COORDINATOR, 'DASHBOARD_NOT_ALLOWED'],
      [DISTRICT, Role.STAFF, 'ROLE_NOT_ALLOWED'], [JIANWAI, Role.CASEWORKER, 'ROLE_NOT_ALLOWED'], [volunteers.id, Role.VOLUNTEER, 'ROLE_NOT_ALLOWED']] as const) {
      const session = await app.loginNewMember(organisationId, role);
      const res = await session.gql<{ regionDashboard: Dashboard | null }>(DASHBOARD);
      expect([role, res.errors![0].extensions.code]).toEqual([role, 'FORBIDDEN']);
      // Not a single figure, not even the services' places or the hours.
      expect(res.data?.regionDashboard ?? null).toBeNull();
      if (reason === 'DASHBOARD_NOT_ALLOWED') expect(res.errors![0].extensions.reason).toBe(reason);
    }
    const elsewhere = await district.gql(DASHBOARD, { r: '310000' });
    expect(elsewhere.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REGION_NOT_YOURS' });
    const city = await district.gql(DASHBOARD, { r: '110000' });
    expect(city.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REGION_NOT_YOURS' });
    const bad = await district.gql(DASHBOARD, { r: "11'--" });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGION_CODE_INVALID' });
  });

  it('lists the demo district’s services with their places, and its people’s referrals to each as counted or withheld', async () => {
    const d = (await district.gql<{ regionDashboard: Dashboard }>(DASHBOARD)).data!.regionDashboard;
    const directory: { id: string; name: string; capacity_available: number | null; capacity_maximum: number | null }[] = await app.db.query(
      `SELECT id, name, capacity_available, capacity_maximum FROM services WHERE status IN ('ACTIVE', 'TEMPORARILY_CLOSED') AND '110105' = ANY(service_area_codes)`);
    expect(directory.length).toBeGreaterThan(0);
    expect(d.services.map((s) => s.serviceId).sort()).toEqual(directory.map((s) => s.id).sort());
    for (const s of directory) {
      expect(d.services.find((f) => f.serviceId === s.id)).toMatchObject({ placesAvailable: s.capacity_available, placesTotal: s.capacity_maximum,
        use: s.capacity_maximum ? Math.round(((s.capacity_maximum - s.capacity_available!) / s.capacity_maximum) * 1000) / 1000 : null });
    }
    const truth = await referralTruth('110105');
    for (const s of d.services) {
      expect([s.serviceName, s.referralsReceived ?? truth.get(s.serviceId)?.received ?? 0]).toEqual([s.serviceName, truth.get(s.serviceId)?.received ?? 0]);
      expect([s.serviceName, s.referralsAccepted ?? truth.get(s.serviceId)?.accepted ?? 0]).toEqual([s.serviceName, truth.get(s.serviceId)?.accepted ?? 0]);
    }
    expectNoDifferencing(d, truth);
    for (const count of counts(d)) expect(count === null || count === 0 || count >= MIN_CELL).toBe(true);
  });

  it('gives a service’s places and its referrals, withholding a small count and whatever would give it back: its organisation’s other services, a district’s', async () => {
    const { city, office, ngo, staff } = await shanghai();
    const [a, b, c, e] = ngo;
    const meals = await makeServiceWithPlaces(app.db, a.id, { name: '甲助餐', areaCodes: ['310101'], capacity: { available: 10, maximum: 40, unit: '份/日' } });
    const care = await makeServiceWithPlaces(app.db, a.id, { name: '甲照护', areaCodes: ['310000'] });
    const counselling = await makeServiceWithPlaces(app.db, b.id, { name: '乙心理', placeRegionCode: '310104', capacity: { available: 0, maximum: 12, unit: '人' } });
    const shelter = await makeServiceWithPlaces(app.db, b.id, { name: '乙庇护', placeRegionCode: '310104', confidentialPlace: true });
    const nanjing = await makeServiceWithPlaces(app.db, c.id, { name: '丙南京', areaCodes: ['320101'] });
    const closed = await makeServiceWithPlaces(app.db, c.id, { name: '丙停办', areaCodes: ['310101'], status: 'INACTIVE' });
    const tutoring = await makeServiceWithPlaces(app.db, c.id, { name: '丙辅导', areaCodes: ['310104'], capacity: { available: 5, maximum: null, unit: '人' } });
    const legal = await makeServiceWithPlaces(app.db, e.id, { name: '丁法援', areaCodes: ['310101'] });
    const refer = (service: { id: string }, receiver: { id: string }, regionCode: string, count: number, accepted = 0, daysAgo = 3) =>
      makeReferralsTo(app.db, { serviceId: service.id, receiverOrganisationId: receiver.id, senderOrganisationId: office.id, sentBy: staff.id, regionCode, count, accepted, daysAgo });
    await refer(meals, a, '310101', 8, 6);
    await refer(care, a, '310101', 3, 3);
    await refer(counselling, b, '310104', 6, 6);
    await refer(counselling, b, '310101', 5, 0);
    await refer(tutoring, c, '310101', 5);
    await refer(tutoring, c, '310104', 2);
    await refer(legal, e, '310101', 7, 5);
    await refer(legal, e, '310101', 9, 9, 400); // more than a year ago: not counted

    const d = (await city.gql<{ regionDashboard: Dashboard }>(DASHBOARD, { r: '310000' })).data!.regionDashboard;
    const row = (service: { id: string }) => d.services.find((s) => s.serviceId === service.id);
    // Working in the city: a service area in it or over it, or a place there that is not confidential; active.
    expect(d.services.map((s) => s.serviceName)).toEqual(expect.arrayContaining(['甲助餐', '甲照护', '乙心理', '丙辅导', '丁法援']));
    for (const absent of [shelter, nanjing, closed]) expect(row(absent)).toBeUndefined();
    expect(row(meals)).toMatchObject({ capacityTracked: true, placesTotal: 40, placesAvailable: 10, use: 0.75 });
    expect(row(care)).toMatchObject({ capacityTracked: false, placesTotal: null, placesAvailable: null, use: null });
    expect(row(tutoring)).toMatchObject({ capacityTracked: true, placesTotal: null, placesAvailable: 5, use: null });
    // 乙心理: 11 from the city's two districts, 6 of them accepted — both shown, and full.
    expect(row(counselling)).toMatchObject({ use: 1, referralsReceived: 11, referralsAccepted: 6 });
    // 甲照护's 3 are withheld, and so are 甲助餐's 8: 甲's 11 (shown) less 8 would be 3.
    expect(d.referralsByReceiver.find((r) => r.organisationId === a.id)!.received).toBe(11);
    expect([row(care)!.referralsReceived, row(meals)!.referralsReceived]).toEqual([null, null]);
    // 丙辅导's 7: 2 of them from 徐汇, whose dashboard withholds them — the city's 7 less 黄浦's 5 would give them back.
    expect(row(tutoring)!.referralsReceived).toBeNull();
    // 丁法援: 7 received, 5 accepted — the 2 not accepted would be their difference, so the accepted go (and the organisation's too).
    expect(row(legal)).toMatchObject({ referralsReceived: 7, referralsAccepted: null });
    expect(d.referralsByReceiver.find((r) => r.organisationId === e.id)).toMatchObject({ received: 7, accepted: null, acceptanceRate: null });
    const truth = await referralTruth('31');
    expectNoDifferencing(d, truth);
    for (const count of counts(d)) expect(count === null || count === 0 || count >= MIN_CELL).toBe(true);

    // The district office of 黄浦: its own services (an area over it counts), 乙心理 (a place in 徐汇 only) not.
    const huangpu = (await office.session.gql<{ regionDashboard: Dashboard }>(DASHBOARD)).data!.regionDashboard;
    expect(huangpu.services.map((s) => s.serviceName).sort()).toEqual(['丁法援', '甲助餐', '甲照护']);
    expect(huangpu.services.find((s) => s.serviceId === legal.id)).toMatchObject({ referralsReceived: 7, referralsAccepted: null });
    expectNoDifferencing(huangpu, await referralTruth('310101'));
  });

  it('counts confirmed volunteer hours by month and skill with the volunteers who gave them, withholding small groups and what would give them back', async () => {
    const { city, office, ngo, staff } = await shanghai('310101', '黄浦志愿');
    const group = await makeOrganisation(app.db, { kind: 'VOLUNTEER_GROUP', regionCode: '310101' });
    const v = [];
    for (let i = 0; i < 18; i += 1) v.push((await makeVolunteer(app.db, { organisationId: group.id })).id);
    const now = Date.now();
    const [d1, d2, d3] = [new Date(now - 2 * 3_600_000), new Date(now - 35 * 86_400_000), new Date(now - 70 * 86_400_000)];
    const task = (regionCode: string, startsAt: Date, volunteerIds: string[], minutes: number, skills: string[], confirmed = true) =>
      makeAttendedTask(app.db, { organisationId: ngo[0].id, postedBy: staff.id, regionCode, startsAt, volunteerIds, minutes, skills, confirmed });
    await task('310101', d1, v.slice(0, 6), 120, ['MEAL_DELIVERY']);
    await task('310101', d2, v.slice(0, 5), 60, ['MEAL_DELIVERY']);
    await task('310101', d3, v.slice(5, 7), 90, ['COMPANIONSHIP']);
    await task('310101', d1, v.slice(7, 12), 30, []);
    await task('310101', d1, v.slice(13, 18), 600, ['MEAL_DELIVERY'], false); // not confirmed: not counted
    await task('310101', new Date(now - 400 * 86_400_000), v.slice(0, 5), 60, ['MEAL_DELIVERY']); // before the 12 months
    await task('310104', d1, [v[12]], 60, ['COMPANIONSHIP']);
    const month = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

    // 黄浦 alone: 12 volunteers, 22.5 hours (12 + 5 + 3 + 2.5).
    const h = (await office.session.gql<{ regionDashboard: Dashboard }>(DASHBOARD)).data!.regionDashboard.volunteerHours;
    expect(h).toMatchObject({ volunteers: 12, hours: 22.5 });
    expect(h.byMonth).toHaveLength(12);
    expect(h.byMonth[11].key).toBe(month(new Date(now)));
    const inMonth = (at: Date) => h.byMonth.find((c) => c.key === month(at));
    expect(inMonth(d1)).toEqual({ key: month(d1), volunteers: 11, hours: 14.5 });
    // The third month's 2 volunteers are withheld, and with them the second month's 5: the total less the rest would give them back.
    expect([inMonth(d3), inMonth(d2)]).toEqual([{ key: month(d3), volunteers: null, hours: null }, { key: month(d2), volunteers: null, hours: null }]);
    for (const c of h.byMonth.filter((m) => ![month(d1), month(d2), month(d3)].includes(m.key))) expect(c).toMatchObject({ volunteers: 0, hours: 0 });
    expect(h.bySkill).toEqual([
      { key: 'COMPANIONSHIP', nameZh: '陪伴探访', volunteers: null, hours: null },
      { key: 'MEAL_DELIVERY', nameZh: '送餐', volunteers: 6, hours: 17 },
      { key: 'NONE', nameZh: null, volunteers: null, hours: null },
    ]);

    // The city: 徐汇's one volunteer (withheld on its own dashboard) would be the city's count less 黄浦's — so the totals and that month go.
    const c = (await city.gql<{ regionDashboard: Dashboard }>(DASHBOARD, { r: '310000' })).data!.regionDashboard;
    expect(c.volunteerHours).toMatchObject({ volunteers: null, hours: null });
    const cityMonth = (at: Date) => c.volunteerHours.byMonth.find((m) => m.key === month(at));
    expect([cityMonth(d1), cityMonth(d2), cityMonth(d3)]).toEqual([
      { key: month(d1), volunteers: null, hours: null }, { key: month(d2), volunteers: 5, hours: 5 }, { key: month(d3), volunteers: null, hours: null }]);
    expect(c.volunteerHours.bySkill.find((s) => s.key === 'MEAL_DELIVERY')).toMatchObject({ volunteers: 6, hours: 17 });
    expect(c.volunteerHours.bySkill.filter((s) => s.volunteers === null).length).not.toBe(1);
    for (const count of counts(c)) expect(count === null || count === 0 || count >= MIN_CELL).toBe(true);
  });

  /** A city of its own (上海, 310000) with an auditor of its office, the district office of 黄浦 (310101) with a coordinator, and four NGOs. */
  async function shanghai(districtCode = '310101', prefix = '黄浦') {
    const cityOffice = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE', regionCode: '310000', name: `${prefix}上海市民政局 ${Math.random()}` });
    const cityUser = await makeUser(app.db, { memberships: [{ organisationId: cityOffice.id, role: Role.AUDITOR }] });
    const office = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE', regionCode: districtCode, parentId: cityOffice.id });
    const officeUser = await makeUser(app.db, { memberships: [{ organisationId: office.id, role: Role.COORDINATOR }] });
    const staff = await makeUser(app.db, { memberships: [{ organisationId: office.id, role: Role.CASEWORKER }] });
    const ngo = [];
    for (const name of ['甲', '乙', '丙', '丁']) ngo.push(await makeOrganisation(app.db, { name: `${prefix}${name}社工 ${Math.random()}`, regionCode: districtCode }));
    return { city: await app.login(cityUser.email, cityUser.password), office: { ...office, session: await app.login(officeUser.email, officeUser.password) }, ngo, staff };
  }

  /** The referrals of the last year per service from a region, as the tables hold them. */
  async function referralTruth(prefix: string): Promise<Map<string, { organisationId: string; received: number; accepted: number }>> {
    const rows: { service_id: string; organisation_id: string; received: number; accepted: number }[] = await app.db.query(
      `SELECT service_id, receiver_organisation_id AS organisation_id, count(*)::int AS received, count(accepted_at)::int AS accepted FROM referrals
        WHERE region_code LIKE $1 AND requested_at >= now() - interval '365 days' AND service_id IS NOT NULL GROUP BY 1, 2`, [`${prefix}%`]);
    return new Map(rows.map((r) => [r.service_id, { organisationId: r.organisation_id, received: r.received, accepted: r.accepted }]));
  }

  /**
   * No service's withheld referrals can be worked out from its organisation's count shown beside it: what the shown
   * services leave of that count is 0 or at least 5, and never just the one withheld service's.
   */
  function expectNoDifferencing(d: Dashboard, truth: Map<string, { received: number; accepted: number }>) {
    for (const figure of ['received', 'accepted'] as const) {
      for (const receiver of d.referralsByReceiver) {
        const total = receiver[figure];
        if (total === null) continue;
        const mine = d.services.filter((s) => s.organisationId === receiver.organisationId);
        const value = (s: Dashboard['services'][number]) => (figure === 'received' ? s.referralsReceived : s.referralsAccepted);
        const withheld = mine.filter((s) => value(s) === null);
        const left = total - mine.reduce((sum, s) => sum + (value(s) ?? 0), 0);
        expect([receiver.organisationName, figure, left === 0 || left >= MIN_CELL]).toEqual([receiver.organisationName, figure, true]);
        if (withheld.length === 1) expect(left).not.toBe(truth.get(withheld[0].serviceId)?.[figure] ?? 0);
      }
    }
  }
});
