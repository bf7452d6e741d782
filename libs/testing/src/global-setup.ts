import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// The global setup runs outside jest's module map, so it reaches its neighbours by relative path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { databaseOptions } from '../../core/src/database/database-options';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../migrations';
import { ENV, withDatabase } from './test-env';

const ROOT = join(__dirname, '../../..');

interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

declare global {
  var __zhulianEmbeddedPostgres: EmbeddedServer | undefined;
}

/**
 * Once per jest run: find a PostgreSQL (DATABASE_URL, else a throw-away embedded cluster), migrate a
 * template database, and let each test file clone its own database from it (`createTestDatabase`).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[ENV.template]) return; // one setup serves every project of the run
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const tools = join(ROOT, 'tools/embedded-postgres.mjs');
    const { startEmbeddedPostgres, freePort } = await import(tools);
    const dir = join(ROOT, '.data', `test-pg-${runId}`);
    mkdirSync(join(ROOT, '.data'), { recursive: true });
    const server: EmbeddedServer = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false, fast: true });
    globalThis.__zhulianEmbeddedPostgres = server;
    adminUrl = server.url('postgres');
  }
  const template = `zt_${runId}_template`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const db = new DataSource(databaseOptions(withDatabase(adminUrl, template), { migrations: MIGRATIONS, poolSize: 1 }));
  await db.initialize();
  await db.runMigrations({ transaction: 'each' });
  await db.destroy();
  process.env[ENV.adminUrl] = adminUrl;
  process.env[ENV.template] = template;
  process.env[ENV.runId] = runId;
}
