import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: who read or changed what, for which organisation, on what grounds. Append-only in
 * the database itself (UPDATE, DELETE and TRUNCATE are refused) and chained: each event carries the
 * HMAC of the one before, in `position` order, so a removed, inserted or edited event shows.
 */
export class CreateAuditTrail1764500000000 implements MigrationInterface {
  name = 'CreateAuditTrail1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_events (
        position bigint PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_organisation_id uuid,
        action text NOT NULL CHECK (action ~ '^[A-Z_]+$'),
        subject_type text NOT NULL,
        subject_id uuid,
        fields text[] NOT NULL DEFAULT '{}',
        grounds jsonb NOT NULL DEFAULT '{}',
        details jsonb NOT NULL DEFAULT '{}',
        request_id text,
        prev_hash bytea NOT NULL,
        hash bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id, position)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, position)`);
    await q.query(`
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_refuse_change()`);
  }
}
