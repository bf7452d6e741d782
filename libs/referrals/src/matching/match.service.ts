import { Injectable } from '@nestjs/common';
import { readProtectedField, RequestAccess } from '@zhulian/access';
import { CaseService } from '@zhulian/cases';
import { Actor, ageOn, beijingDate, regionContains, requireRole, Role } from '@zhulian/core';
import { ServiceCandidate, ServiceFacts } from '@zhulian/directory';
import { Household, HouseholdService, Person, PersonService } from '@zhulian/registry';
import { IntakeMatchInput, MatchReason, MatchReasonCode as C, MatchStatus as S, ServiceMatch } from './match.types';
import { ServiceRecord, ServiceRecords } from './service-records';

/** The facts of the person that the caller may read (null: not readable, or not known). */
interface Facts {
  ageRange: { low: number; high: number } | null;
  regionCode: string | null;
  incomePerPersonCents: number | null;
}

/** Whether the person's region lies in a service's area (libs/core regionContains). */
const within = (region: string, area: string) => regionContains(area, region);

/**
 * Suggests services for a case: the person's needs, the services' machine-readable eligibility as
 * hard filters, then places, nearness and each service's record (how often and how fast it answers).
 * Facts about the person are used only where the caller may read them — read through the same field
 * check as the API, so reading them is audited — and a criterion resting on anything else says "needs
 * checking" instead of guessing.
 */
@Injectable()
export class MatchService {
  constructor(
    private readonly services: ServiceFacts,
    private readonly cases: CaseService,
    private readonly people: PersonService,
    private readonly households: HouseholdService,
    private readonly records: ServiceRecords,
  ) {}

  async forCase(actor: Actor, access: RequestAccess, caseId: string, limit: number): Promise<ServiceMatch[]> {
    const found = await this.cases.get(actor, caseId);
    return this.ranked(actor, found.needs ?? [], this.people.get(actor, found.personId).then((person) => this.facts(actor, access, person)), limit);
  }

  /**
   * Services for an intake, before its case exists: for a person already registered, their facts as the
   * caller may read them; for one not yet registered, the facts the caller is entering (theirs to know).
   */
  async forIntake(actor: Actor, access: RequestAccess, input: IntakeMatchInput, limit: number): Promise<ServiceMatch[]> {
    requireRole(actor, [Role.COORDINATOR, Role.CASEWORKER], 'take people in');
    if (input.personId) return this.ranked(actor, input.needs, this.people.get(actor, input.personId).then((person) => this.facts(actor, access, person)), limit);
    const age = input.birthDate ? ageOn(input.birthDate, beijingDate(new Date()).date) : null;
    const members = Math.max(1, input.householdSize ?? 1);
    return this.ranked(actor, input.needs, {
      ageRange: age === null ? null : { low: age, high: age },
      regionCode: input.regionCode ?? null,
      incomePerPersonCents: input.monthlyIncomeCents === undefined || input.monthlyIncomeCents === null ? null : Math.round(input.monthlyIncomeCents / members),
    }, limit);
  }

  /** The services for these needs, judged by the person's facts: found while the facts are read (they do not depend on them). */
  private async ranked(actor: Actor, needs: string[], facts: Facts | Promise<Facts>, limit: number): Promise<ServiceMatch[]> {
    const services = this.services.candidates(needs, actor.acting?.organisationId ?? null)
      .then(async (candidates) => ({ candidates, records: await this.records.of(candidates.map((c) => c.id)) }));
    const [{ candidates, records }, known] = await Promise.all([services, facts]);
    return candidates
      .map((row) => this.judge(row, records.get(row.id)!, needs, known))
      .filter((match): match is ServiceMatch => match !== null)
      .sort((a, b) => b.score - a.score || a.serviceName.localeCompare(b.serviceName, 'zh-CN'))
      .slice(0, limit);
  }

  private async facts(actor: Actor, access: RequestAccess, person: Person): Promise<Facts> {
    const read = <T>(field: keyof Person) =>
      readProtectedField(access, Person, person as unknown as Record<string, unknown>, field, () => person[field], { path: `matchServices.person.${field}` }) as Promise<T | null>;
    const now = new Date();
    const birthDate = await read<string>('birthDate');
    const birthYear = birthDate ? null : await read<number>('birthYear');
    let ageRange: Facts['ageRange'] = null;
    if (birthDate) {
      const age = ageOn(birthDate, beijingDate(now).date);
      ageRange = { low: age, high: age };
    } else if (birthYear) {
      const { year } = beijingDate(now);
      ageRange = { low: year - birthYear - 1, high: year - birthYear };
    }
    return { ageRange, regionCode: await read<string>('regionCode'), incomePerPersonCents: await this.incomePerPerson(actor, access, person, read) };
  }

  /**
   * The household's income per member when the caller may read it, else the person's own if they live
   * alone. Divided among the members the caller may see (the household's `members` as the API lists them
   * to them): counting hidden members too would tell the caller how many there are.
   */
  private async incomePerPerson(actor: Actor, access: RequestAccess, person: Person, read: <T>(field: keyof Person) => Promise<T | null>): Promise<number | null> {
    if (person.householdId) {
      const household = (await this.households.byIds(actor, [person.householdId])).get(person.householdId);
      if (!household) return null;
      const income = await readProtectedField(access, Household, household as unknown as Record<string, unknown>, 'monthlyIncomeCents',
        () => household.monthlyIncomeCents, { path: 'matchServices.household.monthlyIncomeCents' }) as number | null;
      if (income === null) return null;
      const members = (await this.people.inHouseholds(actor, [household.id])).get(household.id) ?? [];
      return Math.round(income / Math.max(1, members.length));
    }
    return read<number>('monthlyIncomeCents');
  }

  /** The service's reasons and score, or null when a hard criterion is not met. */
  private judge(row: ServiceCandidate, record: ServiceRecord, needs: string[], facts: Facts): ServiceMatch | null {
    const reasons: MatchReason[] = [];
    const add = (code: C, status: S, values: (string | number)[] = []) => reasons.push({ code, status, values: values.map(String) });
    // The needs it serves; or, when it names needs as a criterion, whether the case has one of those.
    if (row.eligibleNeeds.length === 0) add(C.NEED, S.MET, row.categories.filter((c) => needs.includes(c)));
    else {
      const met = row.eligibleNeeds.filter((n) => needs.includes(n));
      add(C.NEED, met.length > 0 ? S.MET : S.NOT_MET, met.length > 0 ? met : row.eligibleNeeds);
    }
    if (row.minimumAge !== null) {
      const a = facts.ageRange;
      add(C.AGE_AT_LEAST, !a ? S.NEEDS_CHECKING : a.low >= row.minimumAge ? S.MET : a.high < row.minimumAge ? S.NOT_MET : S.NEEDS_CHECKING,
        a && a.low === a.high ? [a.low, row.minimumAge] : a ? [`${a.low}–${a.high}`, row.minimumAge] : [row.minimumAge]);
    }
    if (row.maximumAge !== null) {
      const a = facts.ageRange;
      add(C.AGE_AT_MOST, !a ? S.NEEDS_CHECKING : a.high <= row.maximumAge ? S.MET : a.low > row.maximumAge ? S.NOT_MET : S.NEEDS_CHECKING,
        a && a.low === a.high ? [a.low, row.maximumAge] : a ? [`${a.low}–${a.high}`, row.maximumAge] : [row.maximumAge]);
    }
    if (row.eligibleRegionCodes.length > 0) {
      const region = facts.regionCode;
      add(C.REGION_ELIGIBLE, !region ? S.NEEDS_CHECKING : row.eligibleRegionCodes.some((c) => within(region, c)) ? S.MET : S.NOT_MET,
        region ? [region] : row.eligibleRegionCodes);
    }
    if (row.maxIncomePerPersonCents !== null) {
      const limit = row.maxIncomePerPersonCents;
      const income = facts.incomePerPersonCents;
      add(C.INCOME_PER_PERSON_BELOW, income === null ? S.NEEDS_CHECKING : income < limit ? S.MET : S.NOT_MET,
        income === null ? [(limit / 100).toFixed(0)] : [(income / 100).toFixed(0), (limit / 100).toFixed(0)]);
    }
    if (reasons.some((r) => r.status === S.NOT_MET)) return null;
    if (row.requiredDocuments.length > 0) add(C.DOCUMENTS_REQUIRED, S.INFO, row.requiredDocuments);
    // A full service is still suggested (a place may free up), ranked low: its places are a fact, not a criterion.
    if (row.capacityAvailable !== null) add(C.PLACES, S.INFO, [row.capacityAvailable, row.capacityUnit ?? '']);
    const nearness = this.nearness(row.serviceAreaCodes, facts.regionCode);
    if (row.serviceAreaCodes.length > 0 && facts.regionCode) {
      add(C.SERVES_AREA, nearness === 1 ? S.MET : S.INFO, [row.serviceAreaCodes.find((c) => within(facts.regionCode!, c)) ?? row.serviceAreaCodes[0]]);
    }
    const acceptance = record.responded > 0 ? record.accepted / record.responded : null;
    if (acceptance !== null) add(C.ACCEPTANCE_RATE, S.INFO, [Math.round(acceptance * 100)]);
    if (record.responseHours !== null) add(C.RESPONSE_TIME, S.INFO, [Math.round(record.responseHours)]);

    const places = row.capacityAvailable === null ? 0.7 : row.capacityAvailable === 0 ? 0 : Math.min(1, 0.5 + row.capacityAvailable / 10);
    const speed = record.responseHours === null ? 0.5 : Math.max(0, 1 - record.responseHours / 72);
    const checks = reasons.filter((r) => r.status === S.NEEDS_CHECKING).length;
    const score = (0.35 * places + 0.3 * nearness + 0.2 * (acceptance ?? 0.5) + 0.15 * speed) * Math.pow(0.85, checks);
    return {
      serviceId: row.id, serviceName: row.name, organisationId: row.organisationId, organisationName: row.organisationName,
      score: Math.round(score * 100) / 100, placesAvailable: row.capacityAvailable, reasons,
    };
  }

  /** 1 when the service serves the person's region, less for the same district, city or province, 0.5 when it names no area. */
  private nearness(areas: string[], region: string | null): number {
    if (areas.length === 0 || !region) return 0.5;
    if (areas.some((a) => within(region, a))) return 1;
    if (areas.some((a) => a.slice(0, 6) === region.slice(0, 6))) return 0.8;
    if (areas.some((a) => a.slice(0, 4) === region.slice(0, 4))) return 0.6;
    if (areas.some((a) => a.slice(0, 2) === region.slice(0, 2))) return 0.3;
    return 0;
  }
}
