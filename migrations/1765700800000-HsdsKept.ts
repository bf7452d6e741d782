import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an HSDS file says of a service beyond the directory's columns (languages, funding, cost options,
 * programme, schedules' recurrence details, staff contacts, …), kept as checked JSON beside the service
 * only to be given back by the export (docs/decisions.md, "HSDS: columns for what we use, kept JSON for
 * what we give back"). Bounded here too, so that no writer can park a large document on a service.
 */
export class HsdsKept1765700800000 implements MigrationInterface {
  name = 'HsdsKept1765700800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE services ADD COLUMN hsds_kept jsonb
      CHECK (hsds_kept IS NULL OR (jsonb_typeof(hsds_kept) = 'object' AND length(hsds_kept::text) <= 400000))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE services DROP COLUMN hsds_kept`);
  }
}
