import { MigrationInterface, QueryRunner } from 'typeorm';

/** Registering a person takes an idempotency key, like every create: a retried submit never registers twice. */
export class PeopleIdempotency1765200000000 implements MigrationInterface {
  name = 'PeopleIdempotency1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE people ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100)`);
    await q.query(`CREATE UNIQUE INDEX people_idempotency_key ON people (registered_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX people_idempotency_key`);
    await q.query(`ALTER TABLE people DROP COLUMN idempotency_key`);
  }
}
