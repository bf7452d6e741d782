import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service directory, shaped after Open Referral HSDS 3.x: services of the alliance's organisations
 * with eligibility (as text and as criteria a machine can check), service areas, locations (one may be
 * confidential, e.g. a shelter), schedules, contacts and capacity. `hsds_id` keeps the id a service
 * had in an imported HSDS file, so that importing it again updates rather than duplicates.
 */
export class CreateDirectory1765000000000 implements MigrationInterface {
  name = 'CreateDirectory1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE services (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        hsds_id text CHECK (length(hsds_id) BETWEEN 1 AND 200),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        alternate_name text CHECK (length(alternate_name) <= 200),
        description text CHECK (length(description) <= 5000),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED')),
        categories text[] NOT NULL DEFAULT '{}',
        eligibility_description text CHECK (length(eligibility_description) <= 2000),
        minimum_age int CHECK (minimum_age BETWEEN 0 AND 150),
        maximum_age int CHECK (maximum_age BETWEEN 0 AND 150),
        eligible_region_codes text[] NOT NULL DEFAULT '{}',
        max_income_per_person_cents bigint CHECK (max_income_per_person_cents >= 0),
        eligible_needs text[] NOT NULL DEFAULT '{}',
        required_documents text[] NOT NULL DEFAULT '{}',
        service_area_codes text[] NOT NULL DEFAULT '{}',
        application_process text CHECK (length(application_process) <= 2000),
        fees_description text CHECK (length(fees_description) <= 1000),
        url text CHECK (length(url) <= 500),
        email text CHECK (length(email) <= 254),
        phone text CHECK (length(phone) <= 40),
        capacity_available int CHECK (capacity_available >= 0),
        capacity_maximum int CHECK (capacity_maximum >= 0),
        capacity_unit text CHECK (length(capacity_unit) <= 40),
        capacity_description text CHECK (length(capacity_description) <= 300),
        capacity_updated_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age),
        CHECK ((capacity_available IS NULL) = (capacity_updated_at IS NULL)),
        CHECK (capacity_maximum IS NULL OR capacity_available IS NULL OR capacity_available <= capacity_maximum)
      )`);
    await q.query(`CREATE UNIQUE INDEX services_hsds_id_key ON services (organisation_id, hsds_id) WHERE hsds_id IS NOT NULL`);
    await q.query(`CREATE INDEX services_organisation_idx ON services (organisation_id, id)`);
    await q.query(`CREATE INDEX services_categories_idx ON services USING gin (categories)`);
    await q.query(`CREATE INDEX services_area_idx ON services USING gin (service_area_codes)`);
    await q.query(`CREATE INDEX services_name_trgm_idx ON services USING gin (name gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE service_locations (
        id uuid PRIMARY KEY,
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        hsds_id text CHECK (length(hsds_id) BETWEEN 1 AND 200),
        name text CHECK (length(name) <= 200),
        address text CHECK (length(address) <= 300),
        region_code char(6) CHECK (region_code ~ '^[0-9]{6}$'),
        latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        confidential boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX service_locations_service_idx ON service_locations (service_id)`);
    await q.query(`
      CREATE TABLE service_schedules (
        id uuid PRIMARY KEY,
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        hsds_id text CHECK (length(hsds_id) BETWEEN 1 AND 200),
        freq text CHECK (freq IN ('WEEKLY', 'MONTHLY')),
        byday text CHECK (byday ~ '^(-?[0-9]?(MO|TU|WE|TH|FR|SA|SU))(,-?[0-9]?(MO|TU|WE|TH|FR|SA|SU))*$'),
        opens_at time,
        closes_at time,
        description text CHECK (length(description) <= 500)
      )`);
    await q.query(`CREATE INDEX service_schedules_service_idx ON service_schedules (service_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE service_schedules`);
    await q.query(`DROP TABLE service_locations`);
    await q.query(`DROP TABLE services`);
  }
}
