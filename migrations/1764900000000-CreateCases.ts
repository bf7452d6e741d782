import { MigrationInterface, QueryRunner } from 'typeorm';

/** The need taxonomy every alliance starts with; a region extends it with rows of its own. */
const NEEDS: [string, string, string][] = [
  ['BASIC_LIVING', '生活救助', 'Basic living'],
  ['MEDICAL', '医疗', 'Medical'],
  ['EDUCATION', '教育', 'Education'],
  ['HOUSING', '住房', 'Housing'],
  ['EMPLOYMENT', '就业', 'Employment'],
  ['ELDERLY_CARE', '养老', 'Elderly care'],
  ['CHILD_PROTECTION', '儿童保护', 'Child protection'],
  ['DISABILITY', '残疾', 'Disability'],
  ['MENTAL_HEALTH', '心理', 'Mental health'],
  ['TEMPORARY_EMERGENCY', '临时救助', 'Temporary emergency'],
];

/**
 * Cases: a person's (and household's) needs held by one organisation, worked by assigned caseworkers,
 * with a timeline of everything that happened to them. `region_code` sits on the case so that the
 * table can be distributed by region when a province outgrows one primary.
 */
export class CreateCases1764900000000 implements MigrationInterface {
  name = 'CreateCases1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE need_categories (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
        name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 40),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
        position int NOT NULL,
        region_code char(6) CHECK (region_code ~ '^[0-9]{6}$'),
        active boolean NOT NULL DEFAULT true
      )`);
    for (const [i, [code, zh, en]] of NEEDS.entries()) {
      await q.query(`INSERT INTO need_categories (code, name_zh, name_en, position) VALUES ($1, $2, $3, $4)`, [code, zh, en, (i + 1) * 10]);
    }
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES people (id),
        household_id uuid REFERENCES households (id),
        holding_organisation_id uuid NOT NULL REFERENCES organisations (id),
        opened_by uuid NOT NULL REFERENCES users (id),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        needs text[] NOT NULL CHECK (cardinality(needs) BETWEEN 1 AND 10),
        priority text NOT NULL CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'IN_PROGRESS', 'ON_HOLD', 'CLOSED')),
        summary text CHECK (length(summary) <= 200),
        notes text CHECK (length(notes) <= 10000),
        outcome text CHECK (outcome IN ('NEEDS_MET', 'PARTLY_MET', 'NOT_MET', 'DECLINED_BY_PERSON', 'MOVED_AWAY', 'DECEASED', 'TRANSFERRED')),
        outcome_note text CHECK (length(outcome_note) <= 2000),
        closed_at timestamptz,
        closed_by uuid REFERENCES users (id),
        version int NOT NULL DEFAULT 1,
        idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (outcome IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX cases_idempotency_key ON cases (opened_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX cases_holder_idx ON cases (holding_organisation_id, id)`);
    await q.query(`CREATE INDEX cases_person_idx ON cases (person_id)`);
    await q.query(`
      CREATE TABLE case_assignments (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        user_id uuid NOT NULL REFERENCES users (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        assigned_by uuid NOT NULL REFERENCES users (id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        ended_by uuid REFERENCES users (id),
        CHECK ((ended_at IS NULL) = (ended_by IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX case_assignments_live_key ON case_assignments (case_id, user_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX case_assignments_user_idx ON case_assignments (user_id, organisation_id, case_id) WHERE ended_at IS NULL`);
    await q.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid REFERENCES users (id),
        actor_organisation_id uuid REFERENCES organisations (id),
        kind text NOT NULL CHECK (kind ~ '^[A-Z_]+$'),
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP TABLE case_assignments`);
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP TABLE need_categories`);
  }
}
