import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, badInput, Clock, CLOCK, forbidden, isRegionCode, REGION_CODE_MESSAGE, regionContains, regionLikePattern, requireRole, Role, subregionDigits } from '@zhulian/core';
import { CaseFacts } from '@zhulian/cases';
import { DirectoryStats } from '@zhulian/directory';
import { OrganisationKind, OrganisationService } from '@zhulian/identity';
import { ReferralStats } from '@zhulian/referrals';
import { PersonFacts } from '@zhulian/registry';
import { VolunteerHoursStats } from '@zhulian/tasks';
import { DataSource } from 'typeorm';
import { DashboardCount, ReceiverFigures, RegionCounts, RegionDashboard, RuleFigures } from './region-dashboard.type';
import { serviceFigures } from './service-figures';
import { MIN_CELL, suppressAcross, suppressGroup } from './small-cells';
import { lastTwelveMonths, volunteerHoursFigures } from './volunteer-hours-figures';

const AGE_BUCKETS = ['UNDER_7_DAYS', 'UNDER_30_DAYS', 'UNDER_90_DAYS', 'OVER_90_DAYS'];
const YEAR_MS = 365 * 86_400_000;

/** The values of `rows` per district, for each key: `{ key → [district values] }`, every district present (0 where none). */
function perDistrict<T>(rows: readonly T[], districts: readonly string[], region: (row: T) => string, key: (row: T) => string, value: (row: T) => number) {
  const table = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const byDistrict = table.get(key(row)) ?? new Map<string, number>();
    byDistrict.set(region(row), (byDistrict.get(region(row)) ?? 0) + value(row));
    table.set(key(row), byDistrict);
  }
  return new Map([...table].map(([k, byDistrict]) => [k, districts.map((d) => byDistrict.get(d) ?? 0)]));
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/**
 * The dashboards of a region for its civil-affairs office (coordinators and auditors of a government office,
 * for its region and the regions under it). Aggregates only, read from the owning libs' facts; every count
 * of people is withheld where fewer than MIN_CELL could be read or worked out — from the other counts of a
 * group and its total, or from the same count asked for district by district.
 */
@Injectable()
export class RegionDashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationService,
    private readonly people: PersonFacts,
    private readonly cases: CaseFacts,
    private readonly referrals: ReferralStats,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryStats,
    private readonly hours: VolunteerHoursStats,
  ) {}

  async dashboard(actor: Actor, regionCode?: string): Promise<RegionDashboard> {
    const acting = requireRole(actor, [Role.COORDINATOR, Role.AUDITOR], 'see region dashboards');
    const office = await this.organisations.get(actor, acting.organisationId);
    if (office.kind !== OrganisationKind.GOVERNMENT_OFFICE) {
      throw forbidden('DASHBOARD_NOT_ALLOWED', 'Region dashboards are for civil-affairs offices.');
    }
    const region = regionCode ?? office.regionCode;
    if (!isRegionCode(region)) throw badInput('REGION_CODE_INVALID', REGION_CODE_MESSAGE, 'regionCode');
    if (!regionContains(office.regionCode, region)) {
      throw forbidden('REGION_NOT_YOURS', 'Your office sees the dashboards of its own region and the regions under it only.');
    }
    const now = this.clock.now();
    const yearAgo = new Date(now.getTime() - YEAR_MS);
    const hoursWindow = lastTwelveMonths(now);
    const [peopleRows, caseStats, receivers, medians, alertRows, services, serviceReferrals, hoursByMonth, hoursBySkill, skillNames] = await Promise.all([
      this.people.regionCounts(region),
      this.cases.openCaseStats(region, now),
      this.referrals.byReceiver(region, yearAgo),
      this.referrals.medianResponseHours(region, yearAgo),
      this.alertCounts(region),
      this.directory.servicesWorkingIn(region),
      this.referrals.byService(region, yearAgo),
      this.hours.byMonth(region, hoursWindow.since, now),
      this.hours.bySkill(region, hoursWindow.since, now),
      this.hours.skillNames(),
    ]);
    const districts = [...new Set([...peopleRows.map((r) => r.regionCode), ...caseStats.byAge.map((r) => r.regionCode)])].sort();
    // A referral's region is its person's when it was sent: one may be in a district that has no one registered now.
    const referralDistricts = [...new Set([...districts, ...receivers.map((r) => r.regionCode), ...serviceReferrals.map((r) => r.regionCode)])].sort();

    // People and open cases: per district (a group whose total is the region's), and the region's.
    const peoplePer = districts.map((d) => peopleRows.find((r) => r.regionCode === d)?.people ?? 0);
    const openPer = districts.map((d) => sum(caseStats.byAge.filter((r) => r.regionCode === d).map((r) => r.cases)));
    const peopleGroup = suppressGroup(peoplePer);
    const openGroup = suppressGroup(openPer);
    const byRegion = districts.map((d, i) => Object.assign(new RegionCounts(), { regionCode: d, people: peopleGroup.counts[i], openCases: openGroup.counts[i] }));

    // Open cases by age: buckets of the region, a group whose total (openCases) is shown.
    const ages = perDistrict(caseStats.byAge, districts, (r) => r.regionCode, (r) => r.bucket, (r) => r.cases);
    const ageTotals = AGE_BUCKETS.map((b) => sum(ages.get(b) ?? []));
    const ageGroup = suppressGroup(ageTotals, AGE_BUCKETS.map((b) => suppressAcross(ages.get(b) ?? []) === null && sum(ages.get(b) ?? []) > 0));
    const openCases = ageGroup.totalShown && openGroup.totalShown ? suppressAcross(openPer) : null;

    const needs = perDistrict(caseStats.byNeed, districts, (r) => r.regionCode, (r) => r.need, (r) => r.cases);
    const receiverTable = new Map<string, ReceiverFigures>();
    for (const organisationId of new Set(receivers.map((r) => r.organisationId))) {
      const mine = receivers.filter((r) => r.organisationId === organisationId);
      const across = (value: (r: (typeof mine)[number]) => number) => suppressAcross(referralDistricts.map((d) => sum(mine.filter((r) => r.regionCode === d).map(value))));
      const received = across((r) => r.received);
      const accepted = across((r) => r.accepted);
      const notAccepted = received === null || accepted === null ? null : received - accepted;
      receiverTable.set(organisationId, Object.assign(new ReceiverFigures(), {
        organisationId, organisationName: mine[0].organisationName, received, accepted, declined: across((r) => r.declined), expired: across((r) => r.expired),
        acceptanceRate: received && accepted !== null && notAccepted !== null && (notAccepted === 0 || notAccepted >= MIN_CELL) ? accepted / received : null,
        medianResponseHours: received !== null && received >= MIN_CELL ? medians.get(organisationId) ?? null : null,
      }));
    }

    // The services' referrals are part of their organisation's: where no arrangement of theirs protects a small one, the organisation's count goes.
    const perService = serviceFigures(services, serviceReferrals, receivers, referralDistricts);
    for (const { organisationId, figure } of perService.withheld) {
      const receiver = receiverTable.get(organisationId);
      if (!receiver) continue;
      receiver[figure] = null;
      receiver.acceptanceRate = null;
      if (figure === 'received') receiver.medianResponseHours = null;
    }

    const alertFigure = (code: string, column: 'raised' | 'confirmed' | 'dismissed') =>
      suppressAcross(districts.map((d) => sum(alertRows.filter((r) => r.rule_code === code && r.region_code === d).map((r) => r[column]))));

    const peopleTotal = peopleGroup.totalShown ? suppressAcross(peoplePer) : null;
    return Object.assign(new RegionDashboard(), {
      regionCode: region,
      minimumCell: MIN_CELL,
      people: peopleTotal,
      households: suppressAcross(districts.map((d) => peopleRows.find((r) => r.regionCode === d)?.households ?? 0)),
      byRegion,
      openCases,
      openCasesByAge: AGE_BUCKETS.map((key, i) => Object.assign(new DashboardCount(), { key, count: ageGroup.totalShown ? ageGroup.counts[i] : null })),
      needs: [...needs].map(([key, values]) => Object.assign(new DashboardCount(), { key, count: suppressAcross(values) })).sort((a, b) => a.key.localeCompare(b.key)),
      referralsByReceiver: [...receiverTable.values()].sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'zh-CN')),
      alertsByRule: [...new Set(alertRows.map((r) => r.rule_code))].sort().map((ruleCode) => Object.assign(new RuleFigures(), {
        ruleCode, raised: alertFigure(ruleCode, 'raised'), confirmed: alertFigure(ruleCode, 'confirmed'), dismissed: alertFigure(ruleCode, 'dismissed'),
      })),
      services: perService.rows.sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'zh-CN') || a.serviceName.localeCompare(b.serviceName, 'zh-CN')),
      volunteerHours: volunteerHoursFigures(hoursByMonth, hoursBySkill, hoursWindow, skillNames),
      generatedAt: now,
    });
  }

  /** The alerts raised in the region (this lib's own table), per region one level under it and rule. */
  private alertCounts(region: string): Promise<{ region_code: string; rule_code: string; raised: number; confirmed: number; dismissed: number }[]> {
    return this.db.query(
      `SELECT left(region_code, $2) AS region_code, rule_code, count(*)::int AS raised, (count(*) FILTER (WHERE status = 'ACKNOWLEDGED'))::int AS confirmed,
              (count(*) FILTER (WHERE status = 'DISMISSED'))::int AS dismissed
         FROM insight_alerts WHERE region_code LIKE $1 GROUP BY 1, 2`, [regionLikePattern(region), subregionDigits(region)]);
  }
}
