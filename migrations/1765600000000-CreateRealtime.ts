import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The realtime outbox and the notification centre (libs/realtime).
 *
 * A change writes its events into `outbox_events` in its own transaction. The relay that leads (one at
 * a time, by advisory lock) numbers committed events with `seq` in the order it publishes them: that
 * number is what clients see and resume from, so an event committed late never hides behind a number
 * a client has already passed. An event names who it concerns (`audience`: users, or an organisation's
 * members in given roles) and carries nothing personal: the record itself is read for each recipient
 * under their own rules when it is delivered.
 */
export class CreateRealtime1765600000000 implements MigrationInterface {
  name = 'CreateRealtime1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE outbox_seq AS bigint`);
    await q.query(`CREATE TABLE outbox_events (
      id uuid PRIMARY KEY,
      seq bigint UNIQUE,
      kind text NOT NULL CHECK (kind ~ '^[A-Z_]{3,64}$'),
      subject_type text NOT NULL CHECK (subject_type ~ '^[A-Za-z]{2,40}$'),
      subject_id uuid NOT NULL,
      actor_user_id uuid,
      actor_organisation_id uuid,
      audience jsonb NOT NULL CHECK (jsonb_typeof(audience) = 'array' AND jsonb_array_length(audience) > 0),
      user_ids uuid[] NOT NULL DEFAULT '{}',
      organisation_ids uuid[] NOT NULL DEFAULT '{}',
      params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      published_at timestamptz,
      CHECK ((seq IS NULL) = (published_at IS NULL))
    )`);
    await q.query(`CREATE INDEX outbox_events_unpublished_idx ON outbox_events (id) WHERE seq IS NULL`);
    await q.query(`CREATE INDEX outbox_events_published_idx ON outbox_events (published_at) WHERE seq IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_events_users_idx ON outbox_events USING gin (user_ids)`);
    await q.query(`CREATE INDEX outbox_events_organisations_idx ON outbox_events USING gin (organisation_ids)`);

    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      event_seq bigint NOT NULL,
      organisation_id uuid REFERENCES organisations (id),
      kind text NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      UNIQUE (user_id, event_seq)
    )`);
    await q.query(`CREATE INDEX notifications_by_user_idx ON notifications (user_id, event_seq DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id, event_seq) WHERE read_at IS NULL`);

    await q.query(`CREATE TABLE notification_preferences (
      user_id uuid NOT NULL REFERENCES users (id),
      kind text NOT NULL,
      muted boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE outbox_events`);
    await q.query(`DROP SEQUENCE outbox_seq`);
  }
}
