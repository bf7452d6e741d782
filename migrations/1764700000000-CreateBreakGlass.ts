import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Break-glass grants: a coordinator opens one person's record beyond the rules, in an emergency, with
 * a written reason, for a few hours. Each grant is audited and listed to the record's organisation admins.
 */
export class CreateBreakGlass1764700000000 implements MigrationInterface {
  name = 'CreateBreakGlass1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE break_glass_grants (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES people (id),
        user_id uuid NOT NULL REFERENCES users (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 10 AND 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX break_glass_live_idx ON break_glass_grants (person_id, user_id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE break_glass_grants`);
  }
}
