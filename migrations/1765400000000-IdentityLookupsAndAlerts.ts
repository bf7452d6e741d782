import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two brakes on inferring what one may not read. `identity_lookups` (the registry's) counts, per user
 * and per organisation, the distinct ID numbers whose "is it registered?" answer they were given, so a
 * burst is refused. `security_alerts` (the access lib's) raises such a burst, and every break-glass
 * opening, to those who answer for the records: the organisation's admins, coordinators and auditors.
 */
export class IdentityLookupsAndAlerts1765400000000 implements MigrationInterface {
  name = 'IdentityLookupsAndAlerts1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_lookups (
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        user_id uuid NOT NULL REFERENCES users (id),
        blind_index bytea NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX identity_lookups_recent_idx ON identity_lookups (organisation_id, checked_at)`);
    await q.query(`
      CREATE TABLE security_alerts (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        kind text NOT NULL,
        actor_user_id uuid REFERENCES users (id),
        actor_organisation_id uuid REFERENCES organisations (id),
        subject_type text,
        subject_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX security_alerts_organisation_idx ON security_alerts (organisation_id, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE security_alerts`);
    await q.query(`DROP TABLE identity_lookups`);
  }
}
