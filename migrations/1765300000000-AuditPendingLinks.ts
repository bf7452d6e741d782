import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads are recorded before a response leaves, but linked into the hash chain a moment later: a read's
 * event is inserted without a position (no lock, one statement on the request path) and the chainer
 * gives it its place, its link and its hash under the chain lock. The row's content can never change:
 * the only update allowed is that one step, from unlinked to linked. Changes are still linked in their
 * own transaction, as before.
 */
export class AuditPendingLinks1765300000000 implements MigrationInterface {
  name = 'AuditPendingLinks1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN position DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`);
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_id_key, ADD PRIMARY KEY (id)`);
    await q.query(`ALTER TABLE audit_events ADD CONSTRAINT audit_events_link_check CHECK ((position IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX audit_events_position_key ON audit_events (position) WHERE position IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_pending_idx ON audit_events (occurred_at, id) WHERE position IS NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND NEW.position IS NOT NULL
           AND (NEW.id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_organisation_id, NEW.action, NEW.subject_type, NEW.subject_id,
                NEW.fields, NEW.grounds, NEW.details, NEW.request_id)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_organisation_id, OLD.action, OLD.subject_type, OLD.subject_id,
                OLD.fields, OLD.grounds, OLD.details, OLD.request_id) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP INDEX audit_events_pending_idx`);
    await q.query(`DROP INDEX audit_events_position_key`);
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_link_check`);
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey, ADD CONSTRAINT audit_events_id_key UNIQUE (id)`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN position SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`ALTER TABLE audit_events ADD PRIMARY KEY (position)`);
  }
}
