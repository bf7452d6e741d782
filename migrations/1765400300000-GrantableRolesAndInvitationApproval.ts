import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which roles an organisation may hand out depends on what kind of organisation it is — kept as data,
 * so a region can review it: only a government office has auditors and platform admins. And an invitation
 * a platform admin makes into another organisation waits for that organisation's admin to approve it.
 */
export class GrantableRolesAndInvitationApproval1765400300000 implements MigrationInterface {
  name = 'GrantableRolesAndInvitationApproval1765400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_kind_roles (
        kind text NOT NULL CHECK (kind IN ('GOVERNMENT_OFFICE', 'NGO', 'CHARITY', 'VOLUNTEER_GROUP')),
        role text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF', 'VOLUNTEER', 'AUDITOR')),
        PRIMARY KEY (kind, role)
      )`);
    await q.query(`
      INSERT INTO organisation_kind_roles (kind, role) VALUES
        ('GOVERNMENT_OFFICE', 'PLATFORM_ADMIN'), ('GOVERNMENT_OFFICE', 'ORG_ADMIN'), ('GOVERNMENT_OFFICE', 'COORDINATOR'),
        ('GOVERNMENT_OFFICE', 'CASEWORKER'), ('GOVERNMENT_OFFICE', 'STAFF'), ('GOVERNMENT_OFFICE', 'AUDITOR'),
        ('NGO', 'ORG_ADMIN'), ('NGO', 'COORDINATOR'), ('NGO', 'CASEWORKER'), ('NGO', 'STAFF'),
        ('CHARITY', 'ORG_ADMIN'), ('CHARITY', 'COORDINATOR'), ('CHARITY', 'CASEWORKER'), ('CHARITY', 'STAFF'),
        ('VOLUNTEER_GROUP', 'ORG_ADMIN'), ('VOLUNTEER_GROUP', 'COORDINATOR'), ('VOLUNTEER_GROUP', 'VOLUNTEER')`);
    await q.query(`
      ALTER TABLE invitations
        ADD COLUMN needs_approval boolean NOT NULL DEFAULT false,
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN approved_by uuid REFERENCES users (id),
        ADD COLUMN revoked_by uuid REFERENCES users (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations DROP COLUMN revoked_by, DROP COLUMN approved_by, DROP COLUMN approved_at, DROP COLUMN needs_approval`);
    await q.query(`DROP TABLE organisation_kind_roles`);
  }
}
