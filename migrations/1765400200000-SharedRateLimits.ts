import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits every API node shares (rate-limiter-flexible's PostgreSQL store; its layout). Created here
 * rather than by the library at start-up: the application's database user needs no DDL rights.
 */
export class SharedRateLimits1765400200000 implements MigrationInterface {
  name = 'SharedRateLimits1765400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
