import { groupBy, regionAndAncestors } from '@zhulian/core';
import { CaseFacts } from '@zhulian/cases';
import { ReferralFacts } from '@zhulian/referrals';
import { HouseholdFacts, PersonFacts } from '@zhulian/registry';
import { DataSource } from 'typeorm';
import { RuleKind } from '../rules/insight-rule.type';
import { PARAMS, RuleBook, RuleParameterError, RuleRow, RuleSet } from '../rules/rule-book';
import { ageOn, beijingDate, monthsBefore } from './calendar';
import { EvaluationScope, Finding } from './finding';

const DAY_MS = 86_400_000;

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));


/**
 * The evaluators, one per rule kind: each asks the owning libs for the few records that may match (in SQL,
 * with the loosest parameters any region uses) and judges each by the version of the rule for its region.
 *
 * Given a scope, every facts query takes it as a filter on the subjects it returns (`= ANY($n)`), never on the
 * rows a subject's facts are computed from: a household's income and members, a person's referrals, cases and
 * signals are read whole. So a subject in scope is found, with the same facts, score and evidence, exactly
 * when a run over everything would find it.
 */
export class RuleEvaluators {
  constructor(
    private readonly db: DataSource,
    private readonly rules: RuleBook,
    private readonly people: PersonFacts,
    private readonly cases: CaseFacts,
    private readonly households: HouseholdFacts,
    private readonly referrals: ReferralFacts,
  ) {}

  find(kind: RuleKind, code: string, versions: RuleRow[], set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    switch (kind) {
      case RuleKind.INCOME_BELOW_LINE:
        return this.incomeBelowLine(code, set, now, scope);
      case RuleKind.ELDERLY_ALONE_INACTIVE:
        return this.elderlyAloneInactive(code, versions, set, now, scope);
      case RuleKind.CASE_INACTIVE:
        return this.caseInactive(code, versions, set, now, scope);
      case RuleKind.SIGNAL_BURDEN:
        return this.signalBurden(code, versions, set, now, scope);
      case RuleKind.SIGNAL_PRESENT:
        return this.signalPresent(code, versions, set, now, scope);
      case RuleKind.REFERRAL_DEAD_END:
        return this.referralDeadEnd(code, set, now, scope);
      case RuleKind.CHILD_CARER_AWAY:
        return this.childCarerAway(code, versions, set, now, scope);
      default:
        throw new RuleParameterError(`no evaluator for the kind ${String(kind)}`);
    }
  }

  /** Households (or people in none) whose income per member is below their region's line for the year, with no 低保 or 特困 recorded. */
  private async incomeBelowLine(code: string, set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const { year } = beijingDate(now);
    const lines = await this.rules.lines(year);
    if (lines.size === 0) return [];
    const lineFor = (region: string) => regionAndAncestors(region).map((r) => lines.get(r)).find((l) => l !== undefined);
    const findings: Finding[] = [];
    for (const fact of await this.people.lowIncome(Math.max(...lines.values()), scope)) {
      const rule = set.for(code, fact.regionCode);
      const line = lineFor(fact.regionCode);
      if (!rule || line === undefined) continue;
      const perPerson = Math.floor(fact.incomeCents / fact.members);
      if (perPerson >= line) continue;
      findings.push({
        rule, subjectType: fact.subjectType, subjectId: fact.subjectId, personId: fact.personId, householdId: fact.householdId, caseId: null,
        holdingOrganisationId: fact.holdingOrganisationId, regionCode: fact.regionCode, score: clamp(50 + (50 * (line - perPerson)) / line),
        evidence: { householdSize: fact.members, incomePerPersonCents: perPerson, lineCents: line, year },
      });
    }
    return findings;
  }

  /** Old people living alone with an illness or a disability recorded, on whose cases nothing was recorded for a while (or who have none). */
  private async elderlyAloneInactive(code: string, versions: RuleRow[], set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const { date: today } = beijingDate(now);
    const youngest = Math.min(...versions.map((v) => PARAMS[RuleKind.ELDERLY_ALONE_INACTIVE](v.params).minAge));
    // The latest birth date old enough (29 February rolls over to 1 March: the age is checked again below).
    const bornBy = new Date(Date.UTC(Number(today.slice(0, 4)) - youngest, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)))).toISOString().slice(0, 10);
    const facts = await this.people.livingAloneWithCondition(bornBy, scope);
    const ids = facts.map((f) => f.personId);
    const [last, deceased] = await Promise.all([this.cases.lastActivity(ids), this.cases.deceased(ids)]);
    const findings: Finding[] = [];
    for (const fact of facts) {
      const rule = set.for(code, fact.regionCode);
      if (!rule || deceased.has(fact.personId)) continue;
      const { minAge, inactiveDays } = PARAMS[RuleKind.ELDERLY_ALONE_INACTIVE](rule.params);
      const age = ageOn(fact.birthDate, today);
      const lastAt = last.get(fact.personId);
      const daysInactive = lastAt ? Math.floor((now.getTime() - lastAt.getTime()) / DAY_MS) : null;
      if (age < minAge || (daysInactive !== null && daysInactive < inactiveDays)) continue;
      findings.push({
        rule, subjectType: 'Person', subjectId: fact.personId, personId: fact.personId, householdId: fact.householdId, caseId: null,
        holdingOrganisationId: fact.holdingOrganisationId, regionCode: fact.regionCode,
        score: clamp(60 + (age - minAge) + (daysInactive === null ? 20 : Math.min(20, daysInactive - inactiveDays))),
        evidence: { age, livesAlone: true, healthConditionRecorded: true, daysInactive },
      });
    }
    return findings;
  }

  /** Cases not closed on which nothing was recorded for longer than their priority allows in their region. */
  private async caseInactive(code: string, versions: RuleRow[], set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const shortest = Math.min(...versions.flatMap((v) => Object.values(PARAMS[RuleKind.CASE_INACTIVE](v.params).limitDays)));
    const findings: Finding[] = [];
    for (const fact of await this.cases.inactiveSince(new Date(now.getTime() - shortest * DAY_MS), scope)) {
      const rule = set.for(code, fact.regionCode);
      if (!rule) continue;
      const limit = PARAMS[RuleKind.CASE_INACTIVE](rule.params).limitDays[fact.priority];
      const elapsed = now.getTime() - fact.lastActivityAt.getTime();
      if (elapsed <= limit * DAY_MS) continue;
      findings.push({
        rule, subjectType: 'Case', subjectId: fact.caseId, personId: fact.personId, householdId: null, caseId: fact.caseId,
        holdingOrganisationId: fact.holdingOrganisationId, regionCode: fact.regionCode, score: clamp((50 * elapsed) / (limit * DAY_MS)),
        evidence: { casePriority: fact.priority, daysInactive: Math.floor(elapsed / DAY_MS), limitDays: limit },
      });
    }
    return findings;
  }

  /**
   * Signals of the rule's kind (the person's own table rows, from imported files) since the earliest month any
   * version of the rule looks back to; with a scope, those of its people (every member of its households).
   */
  private async signalsSince(versions: RuleRow[], kind: RuleKind.SIGNAL_BURDEN | RuleKind.SIGNAL_PRESENT, now: Date, scope?: EvaluationScope) {
    const params = versions.map((v) => PARAMS[kind](v.params));
    const kinds = [...new Set(params.map((p) => p.signalKind))];
    const longest = Math.max(...params.map((p) => p.months));
    const since = monthsBefore(beijingDate(now).date, longest);
    const rows: { person_id: string; kind: string; occurred_on: string; amount_cents: string | null }[] = await this.db.query(
      `SELECT person_id, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, amount_cents FROM person_signals
        WHERE kind = ANY($1) AND occurred_on >= $2::date ${scope ? 'AND person_id = ANY($3::uuid[])' : ''}`,
      scope ? [kinds, since, scope.personIds] : [kinds, since]);
    return rows.map((r) => ({ personId: r.person_id, kind: r.kind, on: r.occurred_on, amountCents: r.amount_cents === null ? 0 : Number(r.amount_cents) }));
  }

  /** Households whose signals of a kind over the rule's months (medical bills, say) exceed a share of their income over the same months. */
  private async signalBurden(code: string, versions: RuleRow[], set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const signals = await this.signalsSince(versions, RuleKind.SIGNAL_BURDEN, now, scope);
    const facts = await this.households.ofPeople([...new Set(signals.map((s) => s.personId))]);
    const byHousehold = new Map(facts.map((f) => [f.householdId ?? f.personId, f]));
    const personHousehold = new Map(facts.map((f) => [f.personId, f.householdId ?? f.personId]));
    const signalsOf = groupBy(signals, (s) => personHousehold.get(s.personId) ?? '');
    const today = beijingDate(now).date;
    const findings: Finding[] = [];
    for (const [key, household] of byHousehold) {
      const rule = set.for(code, household.regionCode);
      if (!rule || household.incomeCents === null) continue;
      const { signalKind, months, sharePercent } = PARAMS[RuleKind.SIGNAL_BURDEN](rule.params);
      const since = monthsBefore(today, months);
      const mine = (signalsOf.get(key) ?? []).filter((s) => s.kind === signalKind && s.on >= since);
      const total = mine.reduce((sum, s) => sum + s.amountCents, 0);
      const income = household.incomeCents * months;
      const burden = income === 0 ? (total > 0 ? Infinity : 0) : (100 * total) / income;
      if (mine.length === 0 || burden <= sharePercent) continue;
      findings.push({
        rule, subjectType: household.householdId ? 'Household' : 'Person', subjectId: key, personId: household.headPersonId, householdId: household.householdId,
        caseId: null, holdingOrganisationId: household.holdingOrganisationId, regionCode: household.regionCode,
        // Half-way at the threshold, full at three times it.
        score: clamp(50 + (25 * (Math.min(burden, 10 * sharePercent) - sharePercent)) / sharePercent),
        evidence: { householdSize: household.memberIds.length, signalCount: mine.length, signalTotalCents: total,
          burdenPercent: Number.isFinite(burden) ? Math.round(burden) : null, months },
      });
    }
    return findings;
  }

  /** People with any signal of the rule's kind in its months (utility arrears, a disability newly registered). */
  private async signalPresent(code: string, versions: RuleRow[], set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const signals = await this.signalsSince(versions, RuleKind.SIGNAL_PRESENT, now, scope);
    const facts = await this.households.ofPeople([...new Set(signals.map((s) => s.personId))]);
    const signalsOf = groupBy(signals, (s) => s.personId);
    const today = beijingDate(now).date;
    const findings: Finding[] = [];
    for (const person of facts) {
      const rule = set.for(code, person.regionCode);
      if (!rule) continue;
      const { signalKind, months } = PARAMS[RuleKind.SIGNAL_PRESENT](rule.params);
      const since = monthsBefore(today, months);
      const mine = (signalsOf.get(person.personId) ?? []).filter((s) => s.kind === signalKind && s.on >= since);
      if (mine.length === 0) continue;
      const last = mine.map((s) => s.on).sort().pop()!;
      findings.push({
        rule, subjectType: 'Person', subjectId: person.personId, personId: person.personId, householdId: person.householdId, caseId: null,
        holdingOrganisationId: person.holdingOrganisationId, regionCode: person.regionCode,
        score: clamp(50 + 10 * (mine.length - 1)),
        evidence: { signalCount: mine.length, signalTotalCents: mine.reduce((sum, s) => sum + s.amountCents, 0), lastSignalOn: last, months },
      });
    }
    return findings;
  }

  /**
   * People whose latest referrals were declined by `declinedInARow` different organisations with none accepted
   * among or after them, or who had one expire unanswered within `withinDays` with none accepted since it was
   * sent. "Accepted" is any referral an organisation said yes to (it has an acceptance time, whatever became of
   * it later): that breaks a run of declines. Referrals still waiting, withdrawn by their sender or expired
   * neither break a run nor extend it — nobody has taken the person on — and one organisation declining twice
   * counts once.
   */
  private async referralDeadEnd(code: string, set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const fates = groupBy(await this.referrals.fatesOfPeopleWithSetbacks(scope), (f) => f.personId);
    const facts = await this.households.ofPeople([...fates.keys()]);
    const findings: Finding[] = [];
    for (const person of facts) {
      const rule = set.for(code, person.regionCode);
      if (!rule) continue;
      const { declinedInARow, withinDays } = PARAMS[RuleKind.REFERRAL_DEAD_END](rule.params);
      // Newest first (as ReferralFacts orders them).
      const mine = fates.get(person.personId) ?? [];
      const decliners = new Set<string>();
      for (const fate of mine) {
        if (fate.acceptedAt !== null) break;
        if (fate.status === 'REJECTED') decliners.add(fate.receiverOrganisationId);
      }
      const expired = mine.find((f) => f.status === 'CANCELLED' && f.reasonCode === 'EXPIRED' && f.endedAt !== null
        && now.getTime() - f.endedAt.getTime() <= withinDays * DAY_MS);
      const expiredUnanswered = expired !== undefined && !mine.some((f) => f.acceptedAt !== null && f.acceptedAt > expired.requestedAt);
      const declinedRun = decliners.size >= declinedInARow;
      if (!declinedRun && !expiredUnanswered) continue;
      findings.push({
        rule, subjectType: 'Person', subjectId: person.personId, personId: person.personId, householdId: person.householdId, caseId: null,
        holdingOrganisationId: person.holdingOrganisationId, regionCode: person.regionCode,
        // Either ground alone is 70: a need that nobody has taken on. Each organisation beyond the threshold that
        // also declined adds 10 (the need seems to fit no service as offered); both grounds at once add 15.
        score: clamp(70 + (declinedRun ? 10 * (decliners.size - declinedInARow) : 0) + (declinedRun && expiredUnanswered ? 15 : 0)),
        evidence: { declinedInARow: decliners.size, expiredUnanswered },
      });
    }
    return findings;
  }

  /** Children whose household's one adult has an open case for being in hospital or detained. */
  private async childCarerAway(code: string, versions: RuleRow[], set: RuleSet, now: Date, scope?: EvaluationScope): Promise<Finding[]> {
    const { date: today } = beijingDate(now);
    const oldest = Math.max(...versions.map((v) => PARAMS[RuleKind.CHILD_CARER_AWAY](v.params).childUnder));
    const yearsBefore = (years: number) => new Date(Date.UTC(Number(today.slice(0, 4)) - years, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10))))
      .toISOString().slice(0, 10);
    const children = await this.people.childrenWithOneAdult(yearsBefore(oldest), yearsBefore(18), scope);
    const away = await this.cases.openWithNeeds([...new Set(children.map((c) => c.adultId))], ['HOSPITALISED', 'DETAINED']);
    const findings: Finding[] = [];
    for (const child of children) {
      const rule = set.for(code, child.regionCode);
      // Only a case the child's holder holds itself: another organisation's case on the carer (opened with
      // the carer's consent to it) is not the child's holder's to learn of, hospital or detention alike.
      const need = away.get(child.adultId)?.find((c) => c.holdingOrganisationId === child.holdingOrganisationId)?.need;
      if (!rule || !need) continue;
      const age = ageOn(child.birthDate, today);
      if (age >= PARAMS[RuleKind.CHILD_CARER_AWAY](rule.params).childUnder) continue;
      findings.push({
        rule, subjectType: 'Person', subjectId: child.childId, personId: child.childId, householdId: child.householdId, caseId: null,
        holdingOrganisationId: child.holdingOrganisationId, regionCode: child.regionCode,
        // The younger the child, the more urgent.
        score: clamp(100 - 2 * age),
        evidence: { age, carerAwayNeed: need },
      });
    }
    return findings;
  }
}
