import { MigrationInterface, QueryRunner } from 'typeorm';

/** The timestamps the early-warning rules' change feed reads, each the owning table's own, and where it marks how far it has read. */
const INDEXES: [name: string, definition: string][] = [
  ['people_updated_at_idx', 'people (updated_at)'],
  ['people_merged_at_idx', 'people (merged_at) WHERE merged_at IS NOT NULL'],
  ['households_updated_at_idx', 'households (updated_at)'],
  ['cases_updated_at_idx', 'cases (updated_at)'],
  ['case_events_occurred_at_idx', 'case_events (occurred_at)'],
  ['referrals_updated_at_idx', 'referrals (updated_at)'],
  ['person_signals_created_at_idx', 'person_signals (created_at)'],
];

/**
 * Incremental evaluation of the early-warning rules (libs/insights): the people and households whose records
 * changed since a watermark are found by the owning tables' own timestamps (indexed here, so that asking every
 * few seconds costs a few index probes), and the watermark is kept in a row, so that a restart resumes where
 * the last successful run stopped. It starts at the epoch: the first run after this migration sees everything
 * as changed and evaluates everything.
 */
export class IncrementalInsightEvaluation1765700500000 implements MigrationInterface {
  name = 'IncrementalInsightEvaluation1765700500000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${definition}`);
    await q.query(`CREATE TABLE insight_change_feed (
      name text PRIMARY KEY CHECK (name ~ '^[a-z_]{1,40}$'),
      seen_until timestamptz NOT NULL,
      last_run_at timestamptz,
      last_run_ms int CHECK (last_run_ms >= 0),
      -- People evaluated by the last run; null when it evaluated everything.
      last_scope_people int CHECK (last_scope_people >= 0),
      failures int NOT NULL DEFAULT 0 CHECK (failures >= 0),
      last_error text CHECK (length(last_error) <= 2000)
    )`);
    await q.query(`INSERT INTO insight_change_feed (name, seen_until) VALUES ('evaluation', 'epoch')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE insight_change_feed`);
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name}`);
  }
}
