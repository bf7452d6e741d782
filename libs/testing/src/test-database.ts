import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ENV, withDatabase } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest with the project's jest.config.cjs.`);
  return value;
}

async function onServer(sql: string): Promise<void> {
  const admin = new Client({ connectionString: setting(ENV.adminUrl) });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function create(sql: (name: string) => string): Promise<TestDatabase> {
  const name = `zt_${setting(ENV.runId)}_${randomBytes(5).toString('hex')}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await onServer(sql(name));
      break;
    } catch (error) {
      // Two files cloning the template at the same instant: PostgreSQL lets one copy at a time.
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
  return {
    name,
    url: withDatabase(setting(ENV.adminUrl), name),
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A fresh, migrated database of its own for one test file, cloned from the run's template. */
export function createTestDatabase(): Promise<TestDatabase> {
  return create((name) => `CREATE DATABASE "${name}" TEMPLATE "${setting(ENV.template)}"`);
}

/** A database with nothing in it, for the migration test. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return create((name) => `CREATE DATABASE "${name}"`);
}
