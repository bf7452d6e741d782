import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseFacts } from '@zhulian/cases';
import { ReferralFacts } from '@zhulian/referrals';
import { newId } from '@zhulian/core';
import { HouseholdFacts, PersonFacts } from '@zhulian/registry';
import { DataSource } from 'typeorm';
import { RuleKind } from '../rules/insight-rule.type';
import { PARAMS, regionAncestry, RuleBook, RuleRow, RuleSet } from '../rules/rule-book';

const DAY_MS = 86_400_000;

/** One finding of one rule about one subject, with the facts behind it (read back under the alert's rules). */
export interface Finding {
  rule: RuleRow;
  subjectType: 'Person' | 'Household' | 'Case';
  subjectId: string;
  personId: string;
  householdId: string | null;
  caseId: string | null;
  holdingOrganisationId: string;
  regionCode: string;
  score: number;
  evidence: Record<string, number | string | boolean | null>;
}

/** What one evaluation did, per rule code and in all. */
export interface EvaluationResult {
  raised: number;
  refreshed: number;
  cleared: number;
  /** Rules whose evaluation failed: their alerts were left as they were. */
  failed: number;
  byRule: Record<string, { found: number; raised: number; cleared: number } | { error: string }>;
}

/** The date and year in Beijing at `now`. */
export function beijingDate(now: Date): { date: string; year: number } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return { date, year: Number(date.slice(0, 4)) };
}

/** Whole years from a birth date (YYYY-MM-DD) to a date (YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

/** The items by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The date `months` months before a date (YYYY-MM-DD; the 31st rolls back to the month's last day). */
export function monthsBefore(date: string, months: number): string {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}

/**
 * Evaluates every rule in force over everything the alliance holds: each evaluator asks the owning libs
 * for the few records that may match (in SQL, with the loosest parameters any region uses), judges each
 * by the version of the rule for its region, and the findings become alerts. An alert stays one row while
 * its condition holds (refreshed, its decision kept) and is cleared when it stops; nothing is raised twice.
 */
@Injectable()
export class InsightEvaluation implements OnApplicationShutdown {
  private readonly logger = new Logger(InsightEvaluation.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RuleBook,
    private readonly people: PersonFacts,
    private readonly cases: CaseFacts,
    private readonly households: HouseholdFacts,
    private readonly referrals: ReferralFacts,
  ) {}

  private running: Promise<unknown> | null = null;
  private again = false;

  /**
   * Evaluates soon, in the background: after something the rules read has changed (a signal file imported).
   * One evaluation at a time in this process; asked while one runs, it runs once more after it.
   */
  evaluateSoon(clock: () => Date): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.evaluate(clock())
      .catch((error: Error) => this.logger.error(`evaluating after a change failed (the nightly run will retry): ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.evaluateSoon(clock);
        }
      });
  }

  /** Resolves once no evaluation asked for by evaluateSoon is running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.again = false;
    await this.settled();
  }

  async evaluate(now: Date): Promise<EvaluationResult> {
    const set = await this.rules.current();
    const result: EvaluationResult = { raised: 0, refreshed: 0, cleared: 0, failed: 0, byRule: {} };
    const evaluated = new Set<string>();
    for (const { code, kind, versions } of set.codes()) {
      evaluated.add(code);
      try {
        const findings = await this.find(kind, code, versions, set, now);
        const stored = await this.store(code, findings, now);
        result.raised += stored.raised;
        result.refreshed += findings.length - stored.raised;
        result.cleared += stored.cleared;
        result.byRule[code] = { found: findings.length, raised: stored.raised, cleared: stored.cleared };
      } catch (error) {
        result.failed += 1;
        result.byRule[code] = { error: (error as Error).message };
        this.logger.error(`evaluating the rule ${code} failed; its alerts stay as they were: ${(error as Error).message}`);
      }
    }
    // A rule retired everywhere raises nothing more, and what it raised stops being live.
    const retired: { n: number }[] = await this.db.query(
      `WITH cleared AS (UPDATE insight_alerts SET cleared_at = $1 WHERE cleared_at IS NULL AND rule_code <> ALL($2::text[]) RETURNING 1)
       SELECT count(*)::int AS n FROM cleared`, [now, [...evaluated]]);
    result.cleared += retired[0].n;
    return result;
  }

  private find(kind: RuleKind, code: string, versions: RuleRow[], set: RuleSet, now: Date): Promise<Finding[]> {
    switch (kind) {
      case RuleKind.INCOME_BELOW_LINE:
        return this.incomeBelowLine(code, set, now);
      case RuleKind.ELDERLY_ALONE_INACTIVE:
        return this.elderlyAloneInactive(code, versions, set, now);
      case RuleKind.CASE_INACTIVE:
        return this.caseInactive(code, versions, set, now);
      case RuleKind.SIGNAL_BURDEN:
        return this.signalBurden(code, versions, set, now);
      case RuleKind.SIGNAL_PRESENT:
        return this.signalPresent(code, versions, set, now);
      case RuleKind.REFERRAL_DEAD_END:
        return this.referralDeadEnd(code, set, now);
      case RuleKind.CHILD_CARER_AWAY:
        return this.childCarerAway(code, versions, set, now);
      default:
        throw new Error(`no evaluator for the kind ${String(kind)}`);
    }
  }

  /** Households (or people in none) whose income per member is below their region's line for the year, with no 低保 or 特困 recorded. */
  private async incomeBelowLine(code: string, set: RuleSet, now: Date): Promise<Finding[]> {
    const { year } = beijingDate(now);
    const lines = await this.rules.lines(year);
    if (lines.size === 0) return [];
    const lineFor = (region: string) => regionAncestry(region).map((r) => lines.get(r)).find((l) => l !== undefined);
    const findings: Finding[] = [];
    for (const fact of await this.people.lowIncome(Math.max(...lines.values()))) {
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
  private async elderlyAloneInactive(code: string, versions: RuleRow[], set: RuleSet, now: Date): Promise<Finding[]> {
    const { date: today } = beijingDate(now);
    const youngest = Math.min(...versions.map((v) => PARAMS[RuleKind.ELDERLY_ALONE_INACTIVE](v.params).minAge));
    // The latest birth date old enough (29 February rolls over to 1 March: the age is checked again below).
    const bornBy = new Date(Date.UTC(Number(today.slice(0, 4)) - youngest, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)))).toISOString().slice(0, 10);
    const facts = await this.people.livingAloneWithCondition(bornBy);
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
  private async caseInactive(code: string, versions: RuleRow[], set: RuleSet, now: Date): Promise<Finding[]> {
    const shortest = Math.min(...versions.flatMap((v) => Object.values(PARAMS[RuleKind.CASE_INACTIVE](v.params).limitDays)));
    const findings: Finding[] = [];
    for (const fact of await this.cases.inactiveSince(new Date(now.getTime() - shortest * DAY_MS))) {
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
   * version of the rule looks back to.
   */
  private async signalsSince(versions: RuleRow[], kind: RuleKind.SIGNAL_BURDEN | RuleKind.SIGNAL_PRESENT, now: Date) {
    const params = versions.map((v) => PARAMS[kind](v.params));
    const kinds = [...new Set(params.map((p) => p.signalKind))];
    const longest = Math.max(...params.map((p) => p.months));
    const rows: { person_id: string; kind: string; occurred_on: string; amount_cents: string | null }[] = await this.db.query(
      `SELECT person_id, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, amount_cents FROM person_signals
        WHERE kind = ANY($1) AND occurred_on >= $2::date`, [kinds, monthsBefore(beijingDate(now).date, longest)]);
    return rows.map((r) => ({ personId: r.person_id, kind: r.kind, on: r.occurred_on, amountCents: r.amount_cents === null ? 0 : Number(r.amount_cents) }));
  }

  /** Households whose signals of a kind over the rule's months (medical bills, say) exceed a share of their income over the same months. */
  private async signalBurden(code: string, versions: RuleRow[], set: RuleSet, now: Date): Promise<Finding[]> {
    const signals = await this.signalsSince(versions, RuleKind.SIGNAL_BURDEN, now);
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
  private async signalPresent(code: string, versions: RuleRow[], set: RuleSet, now: Date): Promise<Finding[]> {
    const signals = await this.signalsSince(versions, RuleKind.SIGNAL_PRESENT, now);
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
  private async referralDeadEnd(code: string, set: RuleSet, now: Date): Promise<Finding[]> {
    const fates = groupBy(await this.referrals.fatesOfPeopleWithSetbacks(), (f) => f.personId);
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
  private async childCarerAway(code: string, versions: RuleRow[], set: RuleSet, now: Date): Promise<Finding[]> {
    const { date: today } = beijingDate(now);
    const oldest = Math.max(...versions.map((v) => PARAMS[RuleKind.CHILD_CARER_AWAY](v.params).childUnder));
    const yearsBefore = (years: number) => new Date(Date.UTC(Number(today.slice(0, 4)) - years, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10))))
      .toISOString().slice(0, 10);
    const children = await this.people.childrenWithOneAdult(yearsBefore(oldest), yearsBefore(18));
    const away = await this.cases.openWithNeeds([...new Set(children.map((c) => c.adultId))], ['HOSPITALISED', 'DETAINED']);
    const findings: Finding[] = [];
    for (const child of children) {
      const rule = set.for(code, child.regionCode);
      const need = away.get(child.adultId);
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

  /**
   * The findings of one rule become its live alerts, in one transaction: new ones raised, known ones
   * refreshed (their score, facts and holder; a decision stays), and live ones no longer found cleared.
   */
  private store(code: string, findings: Finding[], now: Date): Promise<{ raised: number; cleared: number }> {
    const columns = {
      id: findings.map(() => newId()), ruleId: findings.map((f) => f.rule.id), subjectType: findings.map((f) => f.subjectType),
      subjectId: findings.map((f) => f.subjectId), personId: findings.map((f) => f.personId), householdId: findings.map((f) => f.householdId),
      caseId: findings.map((f) => f.caseId), holder: findings.map((f) => f.holdingOrganisationId), region: findings.map((f) => f.regionCode),
      severity: findings.map((f) => f.rule.severity), score: findings.map((f) => f.score), evidence: findings.map((f) => JSON.stringify(f.evidence)),
    };
    return this.db.transaction(async (tx) => {
      const stored: { inserted: boolean }[] = findings.length === 0 ? [] : await tx.query(
        `INSERT INTO insight_alerts (id, rule_id, rule_code, subject_type, subject_id, person_id, household_id, case_id, holding_organisation_id,
                                     region_code, severity, score, evidence, raised_at, last_seen_at)
         SELECT v.id, v.rule_id, $13, v.subject_type, v.subject_id, v.person_id, v.household_id, v.case_id, v.holder, v.region, v.severity, v.score,
                v.evidence::jsonb, $14, $14
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::int[], $12::text[])
                AS v(id, rule_id, subject_type, subject_id, person_id, household_id, case_id, holder, region, severity, score, evidence)
         ON CONFLICT (rule_code, subject_type, subject_id) WHERE cleared_at IS NULL DO UPDATE SET
           rule_id = EXCLUDED.rule_id, person_id = EXCLUDED.person_id, household_id = EXCLUDED.household_id, case_id = EXCLUDED.case_id,
           holding_organisation_id = EXCLUDED.holding_organisation_id, region_code = EXCLUDED.region_code, severity = EXCLUDED.severity,
           score = EXCLUDED.score, evidence = EXCLUDED.evidence, last_seen_at = EXCLUDED.last_seen_at
         RETURNING (xmax = 0) AS inserted`,
        [columns.id, columns.ruleId, columns.subjectType, columns.subjectId, columns.personId, columns.householdId, columns.caseId, columns.holder,
          columns.region, columns.severity, columns.score, columns.evidence, code, now]);
      // Every live alert found again was just seen at `now`: those seen before it were not found.
      const cleared: { n: number }[] = await tx.query(
        `WITH cleared AS (UPDATE insight_alerts SET cleared_at = $1 WHERE rule_code = $2 AND cleared_at IS NULL AND last_seen_at < $1 RETURNING 1)
         SELECT count(*)::int AS n FROM cleared`, [now, code]);
      return { raised: stored.filter((s) => s.inserted).length, cleared: cleared[0].n };
    });
  }
}
