import { databaseOptions } from '@zhulian/core';
import { MIGRATIONS } from '@zhulian/migrations';
import { createEmptyDatabase, TestDatabase } from '@zhulian/testing';
import { DataSource } from 'typeorm';

const tables = async (db: DataSource) =>
  ((await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)) as { tablename: string }[])
    .map((r) => r.tablename);

describe('migrations', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    db = new DataSource(databaseOptions(database.url, { migrations: MIGRATIONS, poolSize: 1 }));
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('migrate up from empty, all the way down, and up again', async () => {
    await db.runMigrations({ transaction: 'each' });
    const schema = await tables(db);
    expect(schema).toEqual(expect.arrayContaining(['organisations', 'users', 'memberships', 'sessions', 'refresh_tokens', 'invitations', 'login_throttles', 'audit_events', 'households', 'people', 'consents', 'break_glass_grants']));

    for (let i = 0; i < MIGRATIONS.length; i += 1) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables(db)).toEqual(['schema_migrations']);

    await db.runMigrations({ transaction: 'each' });
    expect(await tables(db)).toEqual(schema);
    expect(await db.showMigrations()).toBe(false); // nothing pending
  });
});
