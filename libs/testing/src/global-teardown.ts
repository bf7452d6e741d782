import { Client } from 'pg';
import { ENV } from './test-env';

/** Drops this run's databases and stops the embedded cluster, if one was started. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ENV.adminUrl];
  const runId = process.env[ENV.runId];
  if (!adminUrl || !runId) return;
  delete process.env[ENV.adminUrl];
  if (globalThis.__zhulianEmbeddedPostgres) {
    await globalThis.__zhulianEmbeddedPostgres.stop();
    globalThis.__zhulianEmbeddedPostgres = undefined;
    return;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`zt\\_${runId}\\_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
