import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a referral's receiver stops seeing the person: fixed at the moment the referral ends, from the
 * grace period the receiving organisation had set then. A later change of the setting applies to
 * referrals that end afterwards, never reopens one that has closed.
 */
export class ReferralAccessEnds1765400100000 implements MigrationInterface {
  name = 'ReferralAccessEnds1765400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals ADD COLUMN access_ends_at timestamptz`);
    await q.query(`
      UPDATE referrals r SET access_ends_at = r.ended_at + make_interval(days => COALESCE(
          (SELECT s.access_grace_days FROM referral_settings s WHERE s.organisation_id = r.receiver_organisation_id), 0))
       WHERE r.ended_at IS NOT NULL`);
    await q.query(`ALTER TABLE referrals ADD CONSTRAINT referrals_access_ends_check CHECK ((ended_at IS NULL) = (access_ends_at IS NULL) AND access_ends_at >= ended_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referrals DROP CONSTRAINT referrals_access_ends_check`);
    await q.query(`ALTER TABLE referrals DROP COLUMN access_ends_at`);
  }
}
