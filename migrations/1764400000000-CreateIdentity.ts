import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = `'PLATFORM_ADMIN', 'ORG_ADMIN', 'COORDINATOR', 'CASEWORKER', 'STAFF', 'VOLUNTEER', 'AUDITOR'`;

/** Organisations, users and their memberships; sessions with rotating refresh tokens; invitations. */
export class CreateIdentity1764400000000 implements MigrationInterface {
  name = 'CreateIdentity1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('GOVERNMENT_OFFICE', 'NGO', 'CHARITY', 'VOLUNTEER_GROUP')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        parent_id uuid REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX organisations_region_name_key ON organisations (region_code, lower(name))`);
    await q.query(`CREATE INDEX organisations_parent_idx ON organisations (parent_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
        phone text,
        password_hash text,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        role text NOT NULL CHECK (role IN (${ROLES})),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DEACTIVATED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz,
        deactivated_by uuid REFERENCES users (id),
        UNIQUE (user_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX memberships_organisation_idx ON memberships (organisation_id, id)`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX sessions_live_by_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);

    // Only a hash of each refresh token is kept: a leaked table cannot be replayed.
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);

    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN (${ROLES})),
        token_hash bytea NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX invitations_organisation_idx ON invitations (organisation_id, id)`);

    // Failed sign-ins are counted per e-mail address whether or not an account exists, so a lockout
    // answers alike for both and does not reveal which addresses are registered.
    await q.query(`
      CREATE TABLE login_throttles (
        email_hash bytea PRIMARY KEY,
        failed_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_failed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['login_throttles', 'invitations', 'refresh_tokens', 'sessions', 'memberships', 'users', 'organisations']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
