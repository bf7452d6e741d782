import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Households as the registry shows them (one head each, membership and relation together), the
 * look-ups that duplicate detection uses, and merged records: a merged record stays (its history and
 * audit trail keep pointing at it) and names the record it was merged into, who merged it, when and why.
 */
export class RegistryHouseholdsAndMerges1764800000000 implements MigrationInterface {
  name = 'RegistryHouseholdsAndMerges1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE people
      ADD COLUMN merged_at timestamptz,
      ADD COLUMN merged_by uuid REFERENCES users (id),
      ADD COLUMN merge_reason text CHECK (length(merge_reason) <= 500),
      ADD CONSTRAINT people_merge_facts_check CHECK ((merged_into IS NULL) = (merged_at IS NULL) AND (merged_into IS NULL) = (merged_by IS NULL) AND merged_into <> id),
      ADD CONSTRAINT people_household_relation_check CHECK ((household_id IS NULL) = (relation_to_head IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX people_household_head_key ON people (household_id) WHERE relation_to_head = 'HEAD' AND merged_into IS NULL`);
    await q.query(`CREATE INDEX people_merged_into_idx ON people (merged_into) WHERE merged_into IS NOT NULL`);
    await q.query(`CREATE INDEX people_birth_date_idx ON people (birth_date) WHERE merged_into IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX people_birth_date_idx`);
    await q.query(`DROP INDEX people_merged_into_idx`);
    await q.query(`DROP INDEX people_household_head_key`);
    await q.query(`ALTER TABLE people DROP CONSTRAINT people_household_relation_check, DROP CONSTRAINT people_merge_facts_check,
      DROP COLUMN merge_reason, DROP COLUMN merged_by, DROP COLUMN merged_at`);
  }
}
