import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-stop intakes (一件事一次办): what one intake created — the person (and household members), the
 * consents, the case and the referrals, and the alert it took on — keyed by its author's idempotency key,
 * so that a retried intake answers with what the first one did. The fingerprint is a hash of the request's
 * shape (ids and codes only, never personal data) that tells a retry from a key reused for another intake.
 */
export class OneStopIntakes1765700400000 implements MigrationInterface {
  name = 'OneStopIntakes1765700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE one_stop_intakes (
      id uuid PRIMARY KEY,
      performed_by uuid NOT NULL REFERENCES users (id),
      organisation_id uuid NOT NULL REFERENCES organisations (id),
      idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 100),
      fingerprint text NOT NULL,
      person_id uuid NOT NULL REFERENCES people (id),
      member_ids uuid[] NOT NULL DEFAULT '{}',
      consent_ids uuid[] NOT NULL DEFAULT '{}',
      case_id uuid NOT NULL REFERENCES cases (id),
      referral_ids uuid[] NOT NULL DEFAULT '{}',
      alert_id uuid REFERENCES insight_alerts (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT one_stop_intakes_idempotency_key UNIQUE (performed_by, idempotency_key)
    )`);
    await q.query(`CREATE INDEX one_stop_intakes_alert_idx ON one_stop_intakes (alert_id) WHERE alert_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE one_stop_intakes`);
  }
}
