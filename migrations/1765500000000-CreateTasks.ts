import { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = `ARRAY['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location']`;
/** Claims that hold (or may soon hold) a place: a volunteer cannot be in two of them at once. */
const ACTIVE = `('PENDING', 'HELD', 'OFFERED')`;

/**
 * Volunteer service tasks (libs/tasks): a skills taxonomy kept as data, volunteers' profiles as their
 * groups keep them, tasks organisations post, and claims. A task's places are counted on the task row, so a
 * claim takes one with a single conditional UPDATE; a volunteer's overlapping claims are refused by the
 * database itself (an exclusion constraint over the claim's time window).
 */
export class CreateTasks1765500000000 implements MigrationInterface {
  name = 'CreateTasks1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`
      CREATE TABLE skills (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
        name_zh text NOT NULL,
        name_en text NOT NULL,
        position int NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      INSERT INTO skills (code, name_zh, name_en, position) VALUES
        ('COMPANIONSHIP', '陪伴探访', 'Companionship', 1), ('MEAL_DELIVERY', '送餐', 'Meal delivery', 2), ('TUTORING', '课业辅导', 'Tutoring', 3),
        ('CARE', '生活照护', 'Personal care', 4), ('COUNSELLING', '心理疏导', 'Counselling', 5), ('LEGAL_AID', '法律援助', 'Legal aid', 6),
        ('DRIVING', '驾驶接送', 'Driving', 7), ('ESCORT', '陪同就医', 'Escort to appointments', 8), ('HOUSEWORK', '家政清洁', 'Housework', 9),
        ('REPAIRS', '家电维修', 'Home repairs', 10)`);
    await q.query(`
      CREATE TABLE volunteer_profiles (
        user_id uuid PRIMARY KEY REFERENCES users (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        skills text[] NOT NULL DEFAULT '{}',
        area_codes text[] NOT NULL DEFAULT '{}' CHECK (array_position(area_codes, NULL) IS NULL),
        availability jsonb NOT NULL DEFAULT '[]',
        languages text[] NOT NULL DEFAULT '{zh}',
        id_key_id text,
        id_sealed bytea,
        id_blind_index bytea,
        identity_checked_at timestamptz,
        identity_checked_by uuid REFERENCES users (id),
        background_checked_at timestamptz,
        background_check_expires_on date,
        background_checked_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((id_sealed IS NULL) = (id_blind_index IS NULL) AND (id_sealed IS NULL) = (id_key_id IS NULL))
      )`);
    await q.query(`CREATE INDEX volunteer_profiles_organisation_idx ON volunteer_profiles (organisation_id, user_id)`);
    await q.query(`CREATE UNIQUE INDEX volunteer_profiles_id_blind_index_key ON volunteer_profiles (id_blind_index) WHERE id_blind_index IS NOT NULL`);
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        posted_by uuid NOT NULL REFERENCES users (id),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 2 AND 100),
        description text CHECK (length(description) <= 2000),
        skills text[] NOT NULL DEFAULT '{}',
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        slots int NOT NULL CHECK (slots BETWEEN 1 AND 100),
        held int NOT NULL DEFAULT 0,
        waitlist_seq int NOT NULL DEFAULT 0,
        needs_approval boolean NOT NULL DEFAULT false,
        involves_minor boolean NOT NULL DEFAULT false,
        home_visit boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CANCELLED', 'COMPLETED')),
        case_id uuid REFERENCES cases (id),
        referral_id uuid REFERENCES referrals (id),
        person_id uuid REFERENCES people (id),
        discloses text[] NOT NULL DEFAULT '{}' CHECK (discloses <@ ${CATEGORIES}),
        cancelled_reason text,
        idempotency_key text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (held BETWEEN 0 AND slots),
        CHECK (person_id IS NOT NULL OR discloses = '{}')
      )`);
    await q.query(`CREATE INDEX tasks_organisation_idx ON tasks (organisation_id, id)`);
    await q.query(`CREATE INDEX tasks_open_board_idx ON tasks (region_code, starts_at, id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX tasks_open_skills_idx ON tasks USING gin (skills) WHERE status = 'OPEN'`);
    await q.query(`CREATE UNIQUE INDEX tasks_idempotency_key ON tasks (posted_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`
      CREATE TABLE task_claims (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks (id),
        volunteer_id uuid NOT NULL REFERENCES users (id),
        status text NOT NULL CHECK (status IN ('PENDING', 'HELD', 'WAITLISTED', 'OFFERED', 'RELEASED', 'DECLINED', 'WITHDRAWN', 'CANCELLED', 'EXPIRED', 'NO_SHOW', 'COMPLETED')),
        during tstzrange NOT NULL,
        waitlist_position int,
        offered_until timestamptz,
        checked_in_at timestamptz,
        checked_out_at timestamptz,
        report text CHECK (length(report) <= 2000),
        minutes int CHECK (minutes BETWEEN 0 AND 1440),
        hours_confirmed_at timestamptz,
        hours_confirmed_by uuid REFERENCES users (id),
        reason text CHECK (length(reason) <= 1000),
        idempotency_key text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at)),
        EXCLUDE USING gist (volunteer_id WITH =, during WITH &&) WHERE (status IN ${ACTIVE})
      )`);
    await q.query(`CREATE UNIQUE INDEX task_claims_one_per_volunteer ON task_claims (task_id, volunteer_id)
      WHERE status NOT IN ('RELEASED', 'DECLINED', 'WITHDRAWN', 'CANCELLED', 'EXPIRED')`);
    await q.query(`CREATE UNIQUE INDEX task_claims_idempotency_key ON task_claims (volunteer_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX task_claims_task_idx ON task_claims (task_id, status, waitlist_position)`);
    await q.query(`CREATE INDEX task_claims_volunteer_idx ON task_claims (volunteer_id, id)`);
    await q.query(`
      CREATE TABLE task_events (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks (id),
        claim_id uuid REFERENCES task_claims (id),
        actor_user_id uuid REFERENCES users (id),
        actor_organisation_id uuid REFERENCES organisations (id),
        kind text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX task_events_task_idx ON task_events (task_id, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['task_events', 'task_claims', 'tasks', 'volunteer_profiles', 'skills']) await q.query(`DROP TABLE ${table}`);
  }
}
