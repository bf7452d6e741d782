import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks over time: reminders sent to a claim (the day before, the hour before); the volunteers an
 * organisation asked to cover a place someone gave up; and organisations taking over each other's tasks —
 * asked by the taker, answered by the holder within a set time, after which it is approved automatically.
 */
export class TaskDeadlinesCoverHandovers1765500100000 implements MigrationInterface {
  name = 'TaskDeadlinesCoverHandovers1765500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task_claims ADD COLUMN reminded_day_at timestamptz, ADD COLUMN reminded_hour_at timestamptz`);
    await q.query(`CREATE INDEX task_claims_held_idx ON task_claims (task_id) WHERE status = 'HELD'`);
    await q.query(`CREATE INDEX task_claims_offered_idx ON task_claims (offered_until) WHERE status = 'OFFERED'`);
    await q.query(`CREATE INDEX tasks_open_ends_idx ON tasks (ends_at) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE task_cover_requests (
        task_id uuid NOT NULL REFERENCES tasks (id),
        volunteer_id uuid NOT NULL REFERENCES users (id),
        asked_by uuid NOT NULL REFERENCES users (id),
        asked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (task_id, volunteer_id)
      )`);
    await q.query(`CREATE INDEX task_cover_requests_volunteer_idx ON task_cover_requests (volunteer_id, task_id)`);
    await q.query(`
      CREATE TABLE task_handovers (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES tasks (id),
        from_organisation_id uuid NOT NULL REFERENCES organisations (id),
        to_organisation_id uuid NOT NULL REFERENCES organisations (id),
        requested_by uuid NOT NULL REFERENCES users (id),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 4 AND 500),
        status text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED', 'APPROVED', 'DECLINED', 'WITHDRAWN', 'LAPSED')),
        answer_by timestamptz NOT NULL,
        answered_by uuid REFERENCES users (id),
        answered_at timestamptz,
        answer_reason text CHECK (length(answer_reason) <= 500),
        automatic boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CHECK (from_organisation_id <> to_organisation_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX task_handovers_one_open ON task_handovers (task_id) WHERE status = 'REQUESTED'`);
    await q.query(`CREATE INDEX task_handovers_from_idx ON task_handovers (from_organisation_id, id)`);
    await q.query(`CREATE INDEX task_handovers_to_idx ON task_handovers (to_organisation_id, id)`);
    await q.query(`CREATE INDEX task_handovers_due_idx ON task_handovers (answer_by) WHERE status = 'REQUESTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE task_handovers`);
    await q.query(`DROP TABLE task_cover_requests`);
    await q.query(`DROP INDEX tasks_open_ends_idx`);
    await q.query(`DROP INDEX task_claims_offered_idx`);
    await q.query(`DROP INDEX task_claims_held_idx`);
    await q.query(`ALTER TABLE task_claims DROP COLUMN reminded_day_at, DROP COLUMN reminded_hour_at`);
  }
}
