import { databaseOptions, newId, Role } from '@zhulian/core';
import { MIGRATIONS } from '@zhulian/migrations';
import { createEmptyDatabase, makeOrganisation, makeUser, TestDatabase } from '@zhulian/testing';
import { DataSource } from 'typeorm';

/**
 * The single notes text each case had becomes its first entry, signed by whoever last saved it, and going
 * back puts every entry into the text again. The cases here are written in the shape they had before the
 * migration (a `notes` column), which no factory makes any more.
 */
describe('migration: case notes become entries', () => {
  let database: TestDatabase;
  let db: DataSource;
  const MINE = 1765701100000;
  const stamp = (migration: { name: string }) => Number(/\d{13}$/.exec(migration.name)![0]);

  beforeAll(async () => {
    database = await createEmptyDatabase();
    db = new DataSource(databaseOptions(database.url, { migrations: MIGRATIONS.filter((m) => stamp(m) < MINE), poolSize: 1 }));
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('keeps every case’s text as its first entry, signed and dated by its last writer, and gives it back on the way down', async () => {
    const org = await makeOrganisation(db, { name: '朝阳区建外街道办事处' });
    const opener = await makeUser(db, { displayName: '开案人', memberships: [{ organisationId: org.id, role: Role.COORDINATOR }] });
    const writer = await makeUser(db, { displayName: '最后修改人', memberships: [{ organisationId: org.id, role: Role.CASEWORKER }] });
    const person = newId();
    await db.query(`INSERT INTO people (id, holding_organisation_id, registered_by, full_name, gender, region_code) VALUES ($1, $2, $3, '迁移测试', 'UNKNOWN', '110105')`,
      [person, org.id, opener.id]);
    const edited = newId();
    const untouched = newId();
    const empty = newId();
    for (const [id, notes] of [[edited, '每周探访\n女儿电话 138'], [untouched, '开案时写的'], [empty, '  ']] as const) {
      await db.query(`INSERT INTO cases (id, person_id, holding_organisation_id, opened_by, region_code, needs, priority, notes, created_at)
        VALUES ($1, $2, $3, $4, '110105', '{ELDERLY_CARE}', 'NORMAL', $5, '2026-01-02T03:00:00Z')`, [id, person, org.id, opener.id, notes]);
    }
    await db.query(`INSERT INTO case_events (id, case_id, actor_user_id, actor_organisation_id, kind, details, occurred_at) VALUES
      ($1, $2, $3, $4, 'UPDATED', '{"changed":["notes"]}', '2026-02-01T00:00:00Z'), ($5, $2, $6, $4, 'UPDATED', '{"changed":["priority"]}', '2026-03-01T00:00:00Z')`,
      [newId(), edited, writer.id, org.id, newId(), opener.id]);

    const all = new DataSource(databaseOptions(database.url, { migrations: MIGRATIONS.filter((m) => stamp(m) <= MINE), poolSize: 1 }));
    await all.initialize();
    try {
      await all.runMigrations({ transaction: 'each' });
      const entries: { case_id: string; author_user_id: string; body: string; visibility: string; written_at: Date; migrated: boolean }[] = await all.query(
        `SELECT case_id, author_user_id, body, visibility, written_at, migrated FROM case_notes ORDER BY body`);
      expect(entries).toEqual([
        { case_id: untouched, author_user_id: opener.id, body: '开案时写的', visibility: 'CASE_TEAM', written_at: new Date('2026-01-02T03:00:00Z'), migrated: true },
        { case_id: edited, author_user_id: writer.id, body: '每周探访\n女儿电话 138', visibility: 'CASE_TEAM', written_at: new Date('2026-02-01T00:00:00Z'), migrated: true },
      ]);
      const columns = await all.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'cases' AND column_name = 'notes'`);
      expect(columns).toEqual([]);

      await all.undoLastMigration({ transaction: 'each' });
      const back: { id: string; notes: string | null }[] = await all.query(`SELECT id, notes FROM cases ORDER BY created_at, id`);
      expect(Object.fromEntries(back.map((r) => [r.id, r.notes]))).toEqual({ [edited]: '每周探访\n女儿电话 138', [untouched]: '开案时写的', [empty]: null });
    } finally {
      await all.destroy();
    }
  });
});
