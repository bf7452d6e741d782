import { databaseOptions } from '@zhulian/core';
import { createTestDatabase, TestDatabase } from '@zhulian/testing';
import { DataSource, QueryFailedError } from 'typeorm';
import { queryPrepared } from './prepared-query';

describe('queryPrepared: rule-compiled queries as named prepared statements', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(databaseOptions(database.url, { poolSize: 1 })).initialize();
    await db.query(`CREATE TABLE things (id int PRIMARY KEY, owner text NOT NULL)`);
    await db.query(`INSERT INTO things SELECT i, 'o' || (i % 3) FROM generate_series(1, 30) AS i`);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const prepared = async (): Promise<string[]> =>
    (await db.query(`SELECT statement FROM pg_prepared_statements ORDER BY statement`) as { statement: string }[]).map((r) => r.statement);

  it('plans a text once on a connection and runs it with other values after', async () => {
    const sql = 'SELECT id FROM things WHERE owner = $1 ORDER BY id LIMIT $2';
    expect(await queryPrepared(db.manager, sql, ['o1', 3])).toEqual([{ id: 1 }, { id: 4 }, { id: 7 }]);
    expect(await queryPrepared(db.manager, sql, ['o2', 2])).toEqual([{ id: 2 }, { id: 5 }]);
    // One connection in the pool: the statement it prepared is there once.
    expect((await prepared()).filter((s) => s.includes('FROM things WHERE owner'))).toHaveLength(1);
  });

  it('runs inside the caller\'s transaction, on its connection', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO things VALUES (100, 'o9')`);
      const rows = await queryPrepared<{ id: number }>(tx, 'SELECT id FROM things WHERE owner = $1', ['o9']);
      expect(rows).toEqual([{ id: 100 }]);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await queryPrepared(db.manager, 'SELECT id FROM things WHERE owner = $1', ['o9'])).toEqual([]);
  });

  it('fails as TypeORM\'s own queries fail, with the driver\'s code', async () => {
    await expect(queryPrepared(db.manager, 'SELECT id FROM things WHERE id = $1', ['not a number'])).rejects.toBeInstanceOf(QueryFailedError);
    await expect(queryPrepared(db.manager, 'SELECT id FROM things WHERE id = $1', ['not a number'])).rejects.toMatchObject({ driverError: { code: '22P02' } });
  });
});
