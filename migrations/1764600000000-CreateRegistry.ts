import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people registry: households, people (the resident ID number only sealed and blind-indexed) and
 * the consents through which other organisations may see them. Every personal column is declared with
 * a sensitivity category on the entity; access rules grant categories.
 */
export class CreateRegistry1764600000000 implements MigrationInterface {
  name = 'CreateRegistry1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE households (
        id uuid PRIMARY KEY,
        holding_organisation_id uuid NOT NULL REFERENCES organisations (id),
        registered_by uuid NOT NULL REFERENCES users (id),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        address text CHECK (length(address) <= 300),
        monthly_income_cents bigint CHECK (monthly_income_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX households_holder_idx ON households (holding_organisation_id, id)`);
    await q.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY,
        holding_organisation_id uuid NOT NULL REFERENCES organisations (id),
        registered_by uuid NOT NULL REFERENCES users (id),
        full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 100),
        gender text NOT NULL CHECK (gender IN ('MALE', 'FEMALE', 'OTHER', 'UNKNOWN')),
        birth_date date,
        id_document_type text CHECK (id_document_type IN ('RESIDENT_ID', 'PASSPORT', 'OTHER')),
        id_key_id text,
        id_sealed bytea,
        id_blind_index bytea,
        phone text CHECK (phone ~ '^1[3-9][0-9]{9}$'),
        address text CHECK (length(address) <= 300),
        region_code char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        household_id uuid REFERENCES households (id),
        relation_to_head text CHECK (relation_to_head IN ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'OTHER')),
        disability text CHECK (length(disability) <= 500),
        chronic_illness text CHECK (length(chronic_illness) <= 500),
        monthly_income_cents bigint CHECK (monthly_income_cents >= 0),
        assistance text[] NOT NULL DEFAULT '{}',
        notes text CHECK (length(notes) <= 5000),
        merged_into uuid REFERENCES people (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((id_sealed IS NULL) = (id_blind_index IS NULL) AND (id_sealed IS NULL) = (id_key_id IS NULL))
      )`);
    // One live record per ID number across the whole alliance: the hard duplicate check.
    await q.query(`CREATE UNIQUE INDEX people_id_blind_index_key ON people (id_blind_index) WHERE merged_into IS NULL AND id_blind_index IS NOT NULL`);
    await q.query(`CREATE INDEX people_holder_idx ON people (holding_organisation_id, id)`);
    await q.query(`CREATE INDEX people_household_idx ON people (household_id)`);
    await q.query(`CREATE INDEX people_name_trgm_idx ON people USING gin (full_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX people_phone_idx ON people (phone) WHERE phone IS NOT NULL`);
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES people (id),
        recipient_organisation_id uuid NOT NULL REFERENCES organisations (id),
        categories text[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ARRAY['basic', 'contact', 'identity', 'financial', 'health', 'case_notes', 'location']),
        purpose text NOT NULL CHECK (purpose IN ('ASSESSMENT', 'REFERRAL', 'SERVICE_DELIVERY', 'CASE_MANAGEMENT', 'STATISTICS')),
        valid_from timestamptz NOT NULL,
        valid_until timestamptz,
        given_by text NOT NULL CHECK (given_by IN ('SELF', 'GUARDIAN')),
        guardian_name text CHECK (length(guardian_name) <= 100),
        evidence text CHECK (length(evidence) <= 300),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_by_organisation_id uuid NOT NULL REFERENCES organisations (id),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until IS NULL OR valid_until > valid_from),
        CHECK ((given_by = 'GUARDIAN') = (guardian_name IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX consents_recipient_idx ON consents (recipient_organisation_id, person_id) WHERE withdrawn_at IS NULL`);
    await q.query(`CREATE INDEX consents_person_idx ON consents (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consents`);
    await q.query(`DROP TABLE people`);
    await q.query(`DROP TABLE households`);
  }
}
