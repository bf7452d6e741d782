import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals from other departments (medical-insurance large bills, utility arrears, disability
 * registrations), imported by a civil-affairs office as files keyed by ID number. The file is not kept:
 * each row is matched through the registry's blind index to a person the office's region holds, and only
 * the matched rows are stored, as the person's signals — an unmatched ID number is never written. A file
 * is known by its SHA-256, so importing it again changes nothing; its rows arrive in batches, each known
 * by its first line, so a batch sent twice is counted once.
 */
export class SignalImports1765700200000 implements MigrationInterface {
  name = 'SignalImports1765700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE signal_imports (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL REFERENCES organisations (id),
      imported_by uuid NOT NULL REFERENCES users (id),
      kind text NOT NULL CHECK (kind IN ('MEDICAL_BILL', 'UTILITY_ARREARS', 'DISABILITY_REGISTRATION')),
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      file_sha256 bytea NOT NULL CHECK (length(file_sha256) = 32),
      region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
      rows_expected int NOT NULL CHECK (rows_expected BETWEEN 1 AND 1000000),
      status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'DONE')),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (organisation_id, kind, file_sha256)
    )`);
    await q.query(`CREATE TABLE signal_import_batches (
      import_id uuid NOT NULL REFERENCES signal_imports (id),
      first_line int NOT NULL CHECK (first_line >= 2),
      rows int NOT NULL CHECK (rows >= 0),
      matched int NOT NULL CHECK (matched >= 0),
      repeated int NOT NULL CHECK (repeated >= 0),
      unmatched int NOT NULL CHECK (unmatched >= 0),
      invalid int NOT NULL CHECK (invalid >= 0),
      problems jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(problems) = 'array'),
      PRIMARY KEY (import_id, first_line)
    )`);
    await q.query(`CREATE TABLE person_signals (
      id uuid PRIMARY KEY,
      import_id uuid NOT NULL REFERENCES signal_imports (id),
      person_id uuid NOT NULL REFERENCES people (id),
      kind text NOT NULL CHECK (kind IN ('MEDICAL_BILL', 'UTILITY_ARREARS', 'DISABILITY_REGISTRATION')),
      occurred_on date NOT NULL,
      amount_cents bigint CHECK (amount_cents >= 0),
      -- A digest of the row (its person's blind index, kind, date and amount): the same row in another file is the same signal.
      row_key bytea NOT NULL UNIQUE CHECK (length(row_key) = 32),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX person_signals_person_idx ON person_signals (person_id, kind, occurred_on)`);
    await q.query(`CREATE INDEX person_signals_kind_idx ON person_signals (kind, occurred_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_signals`);
    await q.query(`DROP TABLE signal_import_batches`);
    await q.query(`DROP TABLE signal_imports`);
  }
}
