import { MigrationInterface, QueryRunner } from 'typeorm';

const UNCHANGED = (row: 'NEW' | 'OLD') => `(${row}.id, ${row}.occurred_at, ${row}.actor_user_id, ${row}.actor_organisation_id, ${row}.action, ${row}.subject_type,
  ${row}.subject_id, ${row}.fields, ${row}.grounds, ${row}.details, ${row}.request_id, ${row}.subject_ids, ${row}.holder_ids)`;

/**
 * Two facts an event may carry, both part of its hashed content: the records it concerns when they are
 * many (`subject_ids`: one export event lists every person who left in it, found per person through a GIN
 * index), and the organisations holding the records it concerns (`holder_ids`), so that the holder's
 * auditors — and those of the offices above it — see what others did with its records.
 */
export class AuditSubjectsAndHolders1765400400000 implements MigrationInterface {
  name = 'AuditSubjectsAndHolders1765400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN subject_ids uuid[], ADD COLUMN holder_ids uuid[]`);
    await q.query(`CREATE INDEX audit_events_subject_ids_idx ON audit_events USING gin (subject_ids) WHERE subject_ids IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_holder_ids_idx ON audit_events USING gin (holder_ids) WHERE holder_ids IS NOT NULL`);
    await q.query(`CREATE INDEX audit_events_actor_organisation_idx ON audit_events (actor_organisation_id, position)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.position IS NULL AND NEW.position IS NOT NULL AND ${UNCHANGED('NEW')} IS NOT DISTINCT FROM ${UNCHANGED('OLD')} THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
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
    await q.query(`DROP INDEX audit_events_actor_organisation_idx`);
    await q.query(`DROP INDEX audit_events_holder_ids_idx`);
    await q.query(`DROP INDEX audit_events_subject_ids_idx`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN holder_ids, DROP COLUMN subject_ids`);
  }
}
