import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a volunteer checked in and out, when they chose to say: a point rounded to about 11 metres and how
 * accurate their device said it was. Personal data (category `location`), read under the claim rules.
 */
export class TaskClaimPlaces1765500200000 implements MigrationInterface {
  name = 'TaskClaimPlaces1765500200000';

  async up(q: QueryRunner): Promise<void> {
    const valid = (column: string) => `CHECK (${column} IS NULL OR (
      jsonb_typeof(${column}) = 'object' AND (${column} - ARRAY['latitude', 'longitude', 'accuracyMeters']) = '{}'::jsonb
      AND jsonb_typeof(${column}->'latitude') = 'number' AND (${column}->>'latitude')::numeric BETWEEN -90 AND 90
      AND jsonb_typeof(${column}->'longitude') = 'number' AND (${column}->>'longitude')::numeric BETWEEN -180 AND 180
      AND (NOT ${column} ? 'accuracyMeters' OR (jsonb_typeof(${column}->'accuracyMeters') = 'number'
        AND (${column}->>'accuracyMeters')::numeric BETWEEN 0 AND 100000))))`;
    await q.query(`ALTER TABLE task_claims ADD COLUMN checked_in_place jsonb ${valid('checked_in_place')},
      ADD COLUMN checked_out_place jsonb ${valid('checked_out_place')},
      ADD CHECK (checked_in_place IS NULL OR checked_in_at IS NOT NULL), ADD CHECK (checked_out_place IS NULL OR checked_out_at IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task_claims DROP COLUMN checked_out_place, DROP COLUMN checked_in_place`);
  }
}
