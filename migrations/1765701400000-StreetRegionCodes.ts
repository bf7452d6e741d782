import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Region codes may name a street (街道/乡镇, 9 digits: 110105001 建外街道) as well as a district or province
 * (6 digits, GB/T 2260). Every `region_code` column becomes `varchar(9)` in the C collation: digits sort the
 * same in any collation, and in "C" a btree index on the column (tasks_open_board_idx) serves the
 * `region_code LIKE '110105%'` prefix filters that region views use (libs/core regionLikePattern).
 * The region code arrays (services.eligible_region_codes, services.service_area_codes,
 * volunteer_profiles.area_codes) are text[] already and hold 9-digit codes as they are.
 */
const TABLES = [
  'organisations',
  'households',
  'people',
  'need_categories',
  'cases',
  'service_locations',
  'referrals',
  'tasks',
  'subsistence_lines',
  'insight_rules',
  'insight_alerts',
  'signal_imports',
];

export class StreetRegionCodes1765701400000 implements MigrationInterface {
  name = 'StreetRegionCodes1765701400000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_region_code_check`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN region_code TYPE varchar(9) COLLATE "C"`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_region_code_check CHECK (region_code ~ '^[0-9]{6}([0-9]{3})?$')`);
    }
  }

  /** Refused while any row holds a street code: those rows would have to be moved to their district first. */
  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_region_code_check`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN region_code TYPE char(6) COLLATE "default"`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_region_code_check CHECK (region_code ~ '^[0-9]{6}$')`);
    }
  }
}
