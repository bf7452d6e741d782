import { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = `'DRAFT', 'REQUESTED', 'ACCEPTED', 'REJECTED', 'CANCELLED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'FAILED', 'ENTERED_IN_ERROR'`;
const CATEGORIES = `ARRAY['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location']`;

/**
 * Closed-loop referrals (aligned with HL7 FHIR Task): a case's person referred by the sending
 * organisation to a receiving organisation's service, moved through the FHIR Task states, each move
 * recorded. `holds_place` says the referral holds one of the service's places (taken on acceptance,
 * given back when it ends). Deadlines per receiving organisation live in `referral_settings`.
 */
export class CreateReferrals1765100000000 implements MigrationInterface {
  name = 'CreateReferrals1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE referral_settings (
        organisation_id uuid PRIMARY KEY REFERENCES organisations (id),
        remind_after_hours int NOT NULL DEFAULT 24 CHECK (remind_after_hours > 0),
        escalate_after_hours int NOT NULL DEFAULT 48,
        expire_after_days int NOT NULL DEFAULT 7,
        access_grace_days int NOT NULL DEFAULT 0 CHECK (access_grace_days BETWEEN 0 AND 90),
        CHECK (escalate_after_hours > remind_after_hours AND expire_after_days * 24 > escalate_after_hours)
      )`);
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        person_id uuid NOT NULL REFERENCES people (id),
        sender_organisation_id uuid NOT NULL REFERENCES organisations (id),
        sent_by uuid NOT NULL REFERENCES users (id),
        receiver_organisation_id uuid NOT NULL REFERENCES organisations (id),
        service_id uuid REFERENCES services (id),
        status text NOT NULL CHECK (status IN (${STATES})),
        needs text[] NOT NULL CHECK (cardinality(needs) BETWEEN 1 AND 10),
        urgency text NOT NULL CHECK (urgency IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        age_band text CHECK (age_band ~ '^[0-9]{1,3}(-[0-9]{1,3}|\\+)$'),
        note_for_receiver text CHECK (length(note_for_receiver) <= 2000),
        shared_categories text[] NOT NULL CHECK (shared_categories <@ ${CATEGORIES}),
        consent_ids uuid[] NOT NULL DEFAULT '{}',
        override_reason text CHECK (length(btrim(override_reason)) BETWEEN 10 AND 1000),
        reason_code text CHECK (reason_code ~ '^[A-Z_]+$'),
        reason_text text CHECK (length(reason_text) <= 1000),
        outcome text CHECK (outcome ~ '^[A-Z_]+$'),
        outcome_note text CHECK (length(outcome_note) <= 2000),
        receiver_user_id uuid REFERENCES users (id),
        holds_place boolean NOT NULL DEFAULT false,
        requested_at timestamptz,
        responded_at timestamptz,
        accepted_at timestamptz,
        ended_at timestamptz,
        reminded_at timestamptz,
        escalated_at timestamptz,
        idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (sender_organisation_id <> receiver_organisation_id),
        CHECK (NOT holds_place OR service_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX referrals_idempotency_key ON referrals (sent_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX referrals_receiver_idx ON referrals (receiver_organisation_id, id)`);
    await q.query(`CREATE INDEX referrals_sender_idx ON referrals (sender_organisation_id, id)`);
    await q.query(`CREATE INDEX referrals_case_idx ON referrals (case_id)`);
    // A service's record for matching (answered, accepted, how fast) read from the index alone.
    await q.query(`CREATE INDEX referrals_service_idx ON referrals (service_id, requested_at) INCLUDE (responded_at, accepted_at)`);
    await q.query(`CREATE INDEX referrals_person_receiver_idx ON referrals (person_id, receiver_organisation_id)`);
    await q.query(`CREATE INDEX referrals_requested_idx ON referrals (requested_at) WHERE status = 'REQUESTED'`);
    await q.query(`
      CREATE TABLE referral_events (
        id uuid PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals (id),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid REFERENCES users (id),
        actor_organisation_id uuid REFERENCES organisations (id),
        kind text NOT NULL CHECK (kind ~ '^[A-Z_]+$'),
        from_status text CHECK (from_status IN (${STATES})),
        to_status text CHECK (to_status IN (${STATES})),
        reason_code text CHECK (reason_code ~ '^[A-Z_]+$'),
        reason_text text CHECK (length(reason_text) <= 1000)
      )`);
    await q.query(`CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE referral_events`);
    await q.query(`DROP TABLE referrals`);
    await q.query(`DROP TABLE referral_settings`);
  }
}
