import { performance } from 'node:perf_hooks';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseFacts } from '@zhulian/cases';
import { ReferralFacts } from '@zhulian/referrals';
import { HouseholdFacts, PersonFacts } from '@zhulian/registry';
import { DataSource } from 'typeorm';
import { RuleBook, RuleParameterError } from '../rules/rule-book';
import { AlertStore } from './alert-store';
import { ChangeFeed } from './change-feed';
import { EvaluationLock } from './evaluation-lock';
import { EvaluationScope, inScope } from './finding';
import { RuleEvaluators } from './rule-evaluators';

export { ageOn, beijingDate, monthsBefore } from './calendar';
export type { EvaluationScope, Finding } from './finding';

/** What one evaluation did, per rule code and in all. */
export interface EvaluationResult {
  raised: number;
  refreshed: number;
  cleared: number;
  /** Rules whose evaluation failed: their alerts were left as they were. */
  failed: number;
  /** Per rule; a failure says whether the rule's own parameters are wrong (`misconfigured`: no retry helps) or something else failed. */
  byRule: Record<string, { found: number; raised: number; cleared: number } | { error: string; misconfigured: boolean }>;
}

/** What one catch-up did: the evaluation of what changed, and where the change feed's watermark stands. */
export interface CatchUpResult extends EvaluationResult {
  /** The people evaluated (the touched, widened to their households); null when everything was. */
  people: number | null;
  /** Whether the watermark moved: not after a failure (the next catch-up sees the same changes), nor when nothing changed. */
  advanced: boolean;
  /** Everything was to be evaluated, too soon after the last run over everything (see catchUp's `fullRunsApartMs`): left for later. */
  postponed: boolean;
  since: Date;
  until: Date;
}

/**
 * The failures of a run that another run may not repeat (`CODE: message`). A rule whose parameters are wrong
 * fails again on every run until a region fixes it (a new version, which is itself a change): holding the
 * watermark back for it would only make every later catch-up larger.
 */
function retryable(result: EvaluationResult): string[] {
  return Object.entries(result.byRule).flatMap(([code, r]) => ('error' in r && !r.misconfigured ? [`${code}: ${r.error}`] : []));
}

/**
 * Evaluates the rules in force: each evaluator asks the owning libs for the few records that may match (in SQL,
 * with the loosest parameters any region uses), judges each by the version of the rule for its region, and the
 * findings become alerts. An alert stays one row while its condition holds (refreshed, its decision kept) and is
 * cleared when it stops; nothing is raised twice.
 *
 * Over everything (the nightly job, an operator's run, `evaluate(now)`), or over a scope: the people and
 * households a change touched (`catchUp`, every few seconds and after a signal import), which raises, refreshes
 * and clears exactly what a run over everything would for those subjects, and touches no other alert. One
 * evaluation runs at a time across all nodes (EvaluationLock).
 */
@Injectable()
export class InsightEvaluation implements OnApplicationShutdown {
  private readonly logger = new Logger(InsightEvaluation.name);
  private readonly evaluators: RuleEvaluators;
  private readonly alerts: AlertStore;
  private readonly lock: EvaluationLock;
  readonly feed: ChangeFeed;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly rules: RuleBook,
    people: PersonFacts,
    cases: CaseFacts,
    private readonly households: HouseholdFacts,
    referrals: ReferralFacts,
  ) {
    this.evaluators = new RuleEvaluators(db, rules, people, cases, households, referrals);
    this.alerts = new AlertStore(db);
    this.lock = new EvaluationLock(db);
    this.feed = new ChangeFeed(db, people, households, cases, referrals);
  }

  private running: Promise<unknown> | null = null;
  private again = false;

  /**
   * Catches up soon, in the background: after something the rules read has changed (a signal file imported),
   * so that its alerts need not wait for the next tick of the catch-up job. One at a time in this process; asked
   * while one runs, it runs once more after it.
   */
  evaluateSoon(clock: () => Date): void {
    if (this.running) {
      this.again = true;
      return;
    }
    // Waits for the lock: the node evaluating now may have read its changes before this one's committed.
    this.running = this.catchUp(clock(), { wait: true })
      .catch((error: Error) => this.logger.error(`evaluating after a change failed (the next catch-up retries): ${error.message}`))
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

  /**
   * Evaluates every rule over everything, or over a scope: the given people and households, widened to whole
   * households. Waits while another evaluation runs. A run over everything that succeeds has seen every change
   * made before it began: it moves the change feed's watermark there, so the next catch-up does not repeat it.
   */
  async evaluate(now: Date, scope?: EvaluationScope): Promise<EvaluationResult> {
    return this.lock.waitFor(async () => {
      if (scope) return this.run(now, await this.households.around(scope.personIds, scope.householdIds));
      const started = performance.now();
      const marks = await this.feed.mark();
      const result = await this.run(now);
      if (retryable(result).length === 0) await this.feed.advance(marks, { ms: performance.now() - started, people: null });
      return result;
    });
  }

  /**
   * Evaluates what changed since the change feed's watermark (everything, when a rule or a line did, or too many
   * people) and moves the watermark once that succeeded. Null when another node is evaluating: it, or the next
   * catch-up, sees these changes.
   *
   * With `fullRunsApartMs`, a run over everything is postponed while the last one ended less than that long ago:
   * a large signal file imported batch by batch would otherwise have every tick evaluate everything while it
   * arrives. Its end asks for a catch-up at once (evaluateSoon), without that wait. With `wait`, it waits for
   * another node's evaluation to end rather than leave the changes to it (and never returns null).
   */
  async catchUp(now: Date, options: { fullRunsApartMs?: number; wait?: boolean } = {}): Promise<CatchUpResult | null> {
    const work = () => this.catchUpHoldingTheLock(now, options.fullRunsApartMs);
    return options.wait ? this.lock.waitFor(work) : this.lock.whenFree(work);
  }

  private async catchUpHoldingTheLock(now: Date, fullRunsApartMs: number | undefined): Promise<CatchUpResult> {
    const started = performance.now();
    const pending = await this.feed.pending();
    const summary = { since: pending.since, until: pending.until, people: pending.scope ? pending.scope.personIds.length : null };
    const idle = { raised: 0, refreshed: 0, cleared: 0, failed: 0, byRule: {}, ...summary, advanced: false };
    // Nothing changed: the watermark may stay where it is (the next look reads the same, empty, range).
    if (pending.scope && pending.scope.personIds.length === 0 && pending.scope.householdIds.length === 0) return { ...idle, postponed: false };
    if (!pending.scope && fullRunsApartMs !== undefined) {
      const since = await this.feed.sinceFullRunMs();
      if (since !== null && since < fullRunsApartMs) return { ...idle, postponed: true };
    }
    let result: EvaluationResult;
    try {
      result = await this.run(now, pending.scope ?? undefined);
    } catch (error) {
      await this.feed.failed((error as Error).message).catch(() => undefined);
      throw error;
    }
    const retry = retryable(result);
    if (retry.length > 0) {
      await this.feed.failed(retry.join('; '));
      return { ...result, ...summary, advanced: false, postponed: false };
    }
    await this.feed.advance(pending, { ms: performance.now() - started, people: summary.people });
    return { ...result, ...summary, advanced: true, postponed: false };
  }

  /** The evaluation itself, the lock held; `scope` already widened to whole households. */
  private async run(now: Date, scope?: EvaluationScope): Promise<EvaluationResult> {
    const set = await this.rules.current();
    const result: EvaluationResult = { raised: 0, refreshed: 0, cleared: 0, failed: 0, byRule: {} };
    const evaluated = new Set<string>();
    const subjects = scope && { people: new Set(scope.personIds), households: new Set(scope.householdIds) };
    for (const { code, kind, versions } of set.codes()) {
      evaluated.add(code);
      try {
        const found = await this.evaluators.find(kind, code, versions, set, now, scope);
        // The facts queries return only subjects in scope; this keeps a mistake in one from ever reaching an alert outside it.
        const findings = subjects ? found.filter((f) => inScope(f, subjects)) : found;
        const stored = await this.alerts.store(code, findings, now, scope);
        result.raised += stored.raised;
        result.refreshed += findings.length - stored.raised;
        result.cleared += stored.cleared;
        result.byRule[code] = { found: findings.length, raised: stored.raised, cleared: stored.cleared };
      } catch (error) {
        result.failed += 1;
        result.byRule[code] = { error: (error as Error).message, misconfigured: error instanceof RuleParameterError };
        this.logger.error(`evaluating the rule ${code} failed; its alerts stay as they were: ${(error as Error).message}`);
      }
    }
    result.cleared += await this.alerts.clearRetired([...evaluated], now, scope);
    return result;
  }
}
