import { Logger } from '@nestjs/common';
import { CaseFacts } from '@zhulian/cases';
import { ReferralFacts } from '@zhulian/referrals';
import { HouseholdFacts, PersonFacts } from '@zhulian/registry';
import { DataSource } from 'typeorm';
import { EvaluationScope } from './finding';

const FEED = 'evaluation';
const RULES = 'rules';
/**
 * How far behind the database's clock the watermark stays at least. Nearly every timestamp the feed reads is
 * the database's (`now()`, `clock_timestamp()`), but a few are a node's own clock, taken a moment before its
 * transaction begins (a referral expired by the deadline sweep): this covers that moment and a node's clock
 * running behind the database's. Kept short: what changed within it is evaluated again by the next catch-up
 * (after a large signal file, a second run over everything if it is more than MOST_PEOPLE_SCOPED people).
 */
const CLOCK_SKEW = `interval '1 second'`;
/**
 * The longest a transaction still open holds the watermark back. What a transaction open longer than this
 * writes, stamped with its start, may be older than the watermark when it commits: the nightly run sees it.
 */
const LONGEST_HOLD = `interval '10 minutes'`;
/** Beyond this many people touched, evaluating everything costs less than asking for each of them. */
export const MOST_PEOPLE_SCOPED = 10_000;

/** The watermarks: of the records' changes, and of the rules' and lines'. */
export interface Marks {
  /** Every change stamped before it has been evaluated. */
  since: Date;
  /** Where it moves once what is pending is evaluated: no transaction still open can stamp a change before it. */
  until: Date;
  rulesSince: Date;
  rulesUntil: Date;
}

/** What changed since the last catch-up: the scope to evaluate, and how far the watermarks move once it is. */
export interface PendingChanges extends Marks {
  /** The people touched, widened to whole households; null for everything (the rules or the lines changed, or too many people did). */
  scope: EvaluationScope | null;
  /** People whose own records, cases, referrals or signals changed, before widening (counted up to one past MOST_PEOPLE_SCOPED). */
  touched: number;
}

/**
 * The early-warning rules' change feed: which people and households have records that changed since the
 * watermark, read from the timestamps the owning tables already keep (each lib answers for its own tables:
 * PersonFacts, HouseholdFacts, CaseFacts, ReferralFacts; the signals and the rules and lines are this lib's).
 * It holds nothing in memory: the watermark is a row, so a restart resumes where the last successful run
 * stopped, and a run that fails leaves it where it was, so the next run sees the same changes again.
 *
 * A timestamp is the time its transaction started, but the change becomes visible only when the transaction
 * commits: a change stamped 10:00:00 may commit at 10:00:03, after a run at 10:00:01 has moved on. So the
 * watermark moves only to the start of the oldest transaction still open (and a second behind the
 * clock), never past a change that is not committed yet. A change may be seen twice; evaluating a subject
 * again changes nothing.
 */
export class ChangeFeed {
  private readonly logger = new Logger(ChangeFeed.name);

  constructor(
    private readonly db: DataSource,
    private readonly people: PersonFacts,
    private readonly households: HouseholdFacts,
    private readonly cases: CaseFacts,
    private readonly referrals: ReferralFacts,
  ) {}

  /**
   * The watermarks, and where they may move once everything changed so far is evaluated. Asked before anything
   * is read: a transaction committing after the reads that follow was either open now (and holds the watermarks
   * back to its start) or starts later (and stamps its changes after them). Other roles' sessions show no
   * xact_start without pg_read_all_stats: the API's nodes share one role.
   *
   * The rules and lines have a watermark of their own (the row `rules`, made by the first run that moves it):
   * their timestamps are all the database's, so it need not stay behind the clock — a rule changed is evaluated
   * once, not again by the catch-ups of the next second (each over everything).
   */
  async mark(): Promise<Marks> {
    const [mark]: { since: Date | null; until: Date; rules_since: Date; rules_until: Date; held_since: Date | null }[] = await this.db.query(
      `WITH open AS (SELECT min(xact_start) AS started FROM pg_stat_activity
                      WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()),
            held AS (SELECT GREATEST(COALESCE(open.started, 'infinity'), clock_timestamp() - ${LONGEST_HOLD}) AS until,
                            CASE WHEN open.started < clock_timestamp() - ${LONGEST_HOLD} THEN open.started END AS since FROM open),
            marks AS (SELECT (SELECT seen_until FROM insight_change_feed WHERE name = $1) AS changes,
                             COALESCE((SELECT seen_until FROM insight_change_feed WHERE name = $2), 'epoch') AS rules)
       SELECT marks.changes AS since, GREATEST(marks.changes, LEAST(clock_timestamp() - ${CLOCK_SKEW}, held.until)) AS until,
              marks.rules AS rules_since, GREATEST(marks.rules, LEAST(clock_timestamp(), held.until)) AS rules_until, held.since AS held_since
         FROM marks, held`, [FEED, RULES]);
    if (!mark.since) throw new Error(`the change feed's watermark row '${FEED}' is missing: run the migrations`);
    if (mark.held_since) {
      this.logger.warn(`a transaction open since ${mark.held_since.toISOString()} would hold the watermark back further: what it writes waits for the nightly run`);
    }
    return { since: mark.since, until: mark.until, rulesSince: mark.rules_since, rulesUntil: mark.rules_until };
  }

  /** What changed since the watermark, widened to whole households (or everything). */
  async pending(): Promise<PendingChanges> {
    const marks = await this.mark();
    const { since } = marks;
    // Each source gives one more than the most scoped, at most: enough to tell that everything is to be evaluated.
    const most = MOST_PEOPLE_SCOPED + 1;
    const [people, households, casePeople, referralPeople, signalPeople, rulesChanged] = await Promise.all([
      this.people.touchedSince(since, most), this.households.touchedSince(since, most), this.cases.touchedSince(since, most),
      this.referrals.touchedSince(since, most), this.signalPeopleSince(since, most), this.rulesChangedSince(marks.rulesSince),
    ]);
    const personIds = [...new Set([...people.personIds, ...casePeople, ...referralPeople, ...signalPeople])];
    const householdIds = [...new Set([...people.householdIds, ...households])];
    const touched = personIds.length;
    // A rule or a line judges everyone it covers: nothing short of everything is the same as a full run.
    if (rulesChanged || touched > MOST_PEOPLE_SCOPED || householdIds.length > MOST_PEOPLE_SCOPED) return { ...marks, scope: null, touched };
    const scope = await this.households.around(personIds, householdIds);
    return { ...marks, scope: scope.personIds.length > MOST_PEOPLE_SCOPED ? null : scope, touched };
  }

  /** Moves the watermarks once what was pending is evaluated, and records the run. */
  async advance(marks: Marks, run: { ms: number; people: number | null }): Promise<void> {
    await this.db.query(
      `WITH rules AS (INSERT INTO insight_change_feed (name, seen_until) VALUES ($2, $4)
                      ON CONFLICT (name) DO UPDATE SET seen_until = GREATEST(insight_change_feed.seen_until, EXCLUDED.seen_until))
       UPDATE insight_change_feed SET seen_until = GREATEST(seen_until, $3), last_run_at = clock_timestamp(), last_run_ms = $5, last_scope_people = $6,
              failures = 0, last_error = NULL
        WHERE name = $1`, [FEED, RULES, marks.until, marks.rulesUntil, Math.round(run.ms), run.people]);
  }

  /** How long ago the last run over everything ended, if the last run was one (milliseconds, by the database's clock). */
  async sinceFullRunMs(): Promise<number | null> {
    const [row]: { ms: number }[] = await this.db.query(
      `SELECT (extract(epoch FROM clock_timestamp() - last_run_at) * 1000)::float8 AS ms FROM insight_change_feed
        WHERE name = $1 AND last_run_at IS NOT NULL AND last_scope_people IS NULL`, [FEED]);
    return row ? row.ms : null;
  }

  /** Records a run that failed; the watermark stays, so the next run sees the same changes again. */
  async failed(message: string): Promise<void> {
    await this.db.query(`UPDATE insight_change_feed SET failures = failures + 1, last_error = left($2, 2000) WHERE name = $1`, [FEED, message]);
  }

  /** The feed's row: the watermark and the last run, as an operator (or a test) reads it. */
  async state(): Promise<{ seenUntil: Date; lastRunAt: Date | null; lastRunMs: number | null; lastScopePeople: number | null; failures: number; lastError: string | null }> {
    const [row]: { seen_until: Date; last_run_at: Date | null; last_run_ms: number | null; last_scope_people: number | null; failures: number; last_error: string | null }[] =
      await this.db.query(`SELECT * FROM insight_change_feed WHERE name = $1`, [FEED]);
    return { seenUntil: row.seen_until, lastRunAt: row.last_run_at, lastRunMs: row.last_run_ms, lastScopePeople: row.last_scope_people, failures: row.failures,
      lastError: row.last_error };
  }

  /** People with signals imported at or after `since` (this lib's own table). */
  private async signalPeopleSince(since: Date, most: number): Promise<string[]> {
    const rows: { person_id: string }[] = await this.db.query(`SELECT DISTINCT person_id FROM person_signals WHERE created_at >= $1 LIMIT $2`, [since, most]);
    return rows.map((r) => r.person_id);
  }

  /** Whether a rule version was written, or a minimum-living line set, at or after `since`. */
  private async rulesChangedSince(since: Date): Promise<boolean> {
    const [row]: { changed: boolean }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM insight_rules WHERE created_at >= $1) OR EXISTS (SELECT 1 FROM subsistence_lines WHERE updated_at >= $1) AS changed`, [since]);
    return row.changed;
  }
}
