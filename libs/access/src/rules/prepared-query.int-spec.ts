import { createTestDatabase, TestDatabase } from '@zhulian/testing';
import { DataSource, QueryFailedError } from 'typeorm';
import { databaseOptions, queryBatched, queryPrepared } from '@zhulian/core';

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

  it('runs on connections without JIT compilation (a batch of reads would otherwise be compiled for longer than it runs)', async () => {
    expect(await db.query(`SHOW jit`)).toEqual([{ jit: 'off' }]);
  });

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

  describe('queryBatched: reads that arrive together answered in one statement', () => {
    const SQL = 'SELECT id, owner FROM things WHERE owner = $1 AND id > $2 ORDER BY id DESC LIMIT 3';

    it('gives each read its own rows, in its own order, from fewer statements', async () => {
      const pool = (db.manager.connection.driver as unknown as { master: { query: (...args: unknown[]) => unknown } }).master;
      const sent = jest.spyOn(pool, 'query');
      try {
        const answers = await Promise.all([['o0', 0], ['o1', 0], ['o2', 20], ['o9', 0], ['o1', 25]].map((v) => queryBatched(db.manager, SQL, v)));
        expect(answers).toEqual([
          [{ id: 30, owner: 'o0' }, { id: 27, owner: 'o0' }, { id: 24, owner: 'o0' }],
          [{ id: 28, owner: 'o1' }, { id: 25, owner: 'o1' }, { id: 22, owner: 'o1' }],
          [{ id: 29, owner: 'o2' }, { id: 26, owner: 'o2' }, { id: 23, owner: 'o2' }],
          [],
          [{ id: 28, owner: 'o1' }],
        ]);
        expect(sent).toHaveBeenCalledTimes(1);
      } finally {
        sent.mockRestore();
      }
    });

    it('does not let one read with a bad value fail the others read with it', async () => {
      const outcomes = await Promise.allSettled([queryBatched(db.manager, SQL, ['o0', 28]), queryBatched(db.manager, SQL, ['o1', 'not a number'])]);
      expect(outcomes[0]).toEqual({ status: 'fulfilled', value: [{ id: 30, owner: 'o0' }] });
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { driverError: { code: '22P02' } } });
    });

    it('runs a read inside a transaction on its own, on the transaction\'s connection', async () => {
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO things VALUES (200, 'o8')`);
        // (The pool has one connection, held by this transaction: a read batched on the pool would wait for it.)
        expect(await queryBatched(tx, SQL, ['o8', 0])).toEqual([{ id: 200, owner: 'o8' }]);
        throw new Error('roll back');
      }).catch((error: Error) => expect(error.message).toBe('roll back'));
    });
  });
});
