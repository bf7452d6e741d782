import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who created a service, and the idempotency key of the request that did: a retried `createService`
 * finds the service its first attempt made instead of listing it twice (as `openCase` does for cases).
 */
export class ServiceCreators1765000100000 implements MigrationInterface {
  name = 'ServiceCreators1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE services ADD COLUMN created_by uuid REFERENCES users (id)`);
    await q.query(`ALTER TABLE services ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100)`);
    await q.query(`CREATE UNIQUE INDEX services_idempotency_key ON services (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX services_idempotency_key`);
    await q.query(`ALTER TABLE services DROP COLUMN idempotency_key`);
    await q.query(`ALTER TABLE services DROP COLUMN created_by`);
  }
}
