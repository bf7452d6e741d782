import { MigrationInterface, QueryRunner } from 'typeorm';

/** The deadline sweep forgets where volunteers checked in and out a while after their hours were confirmed: it finds those claims by this index. */
export class TaskClaimPlacesRetention1765500300000 implements MigrationInterface {
  name = 'TaskClaimPlacesRetention1765500300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX task_claims_places_kept_idx ON task_claims (hours_confirmed_at)
      WHERE checked_in_place IS NOT NULL OR checked_out_place IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX task_claims_places_kept_idx`);
  }
}
