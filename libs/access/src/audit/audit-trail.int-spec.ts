import { AppConfig, databaseOptions, loadConfig } from '@zhulian/core';
import { createTestDatabase, TestDatabase } from '@zhulian/testing';
import { DataSource } from 'typeorm';
import { AuditEvent } from './audit-event';
import { AuditTrail, auditKey } from './audit-trail';
import { verifyAuditChain } from './verify-audit-chain';

const ORG = '0193a000-0000-7000-8000-000000000001';
const USER = '0193a000-0000-7000-8000-100000000001';

describe('the audit trail', () => {
  let database: TestDatabase;
  let db: DataSource;
  let trail: AuditTrail;
  let config: AppConfig;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = loadConfig({ DATABASE_URL: database.url, JWT_SECRET: 'j'.repeat(32), AUDIT_KEY: 'a'.repeat(32), NODE_ENV: 'test' });
    db = await new DataSource(databaseOptions(database.url)).initialize();
    trail = new AuditTrail(config);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const verify = () => verifyAuditChain(db, auditKey(config));
  const append = (n: number, subjectId: string | null = null) =>
    db.transaction((tx) =>
      trail.record(tx, { userId: USER, organisationId: ORG, requestId: 'req-1' },
        Array.from({ length: n }, (_, i) => ({
          action: 'CHANGE' as const, subjectType: 'Membership', subjectId, fields: ['role'],
          grounds: { role: 'ORG_ADMIN' }, details: { from: 'STAFF', to: `COORDINATOR-${i}`, count: i, flag: true },
        }))),
    );

  it('chains events appended by concurrent transactions into one intact line', async () => {
    await Promise.all(Array.from({ length: 8 }, () => append(5)));
    const report = await verify();
    expect(report).toMatchObject({ intact: true, events: 40 });
    const positions: { position: string }[] = await db.query('SELECT position FROM audit_events ORDER BY position');
    expect(positions.map((p) => Number(p.position))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('keeps nothing of a change that rolled back', async () => {
    const before = await verify();
    await expect(db.transaction(async (tx) => {
      await trail.record(tx, { userId: USER, organisationId: ORG }, [{ action: 'CHANGE', subjectType: 'Membership', subjectId: null }]);
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await verify()).toEqual(before);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    for (const sql of [
      `UPDATE audit_events SET action = 'READ' WHERE position = 1`,
      `DELETE FROM audit_events WHERE position = 1`,
      `TRUNCATE audit_events`,
    ]) {
      await expect(db.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
    }
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('records reads at once without the lock, and links them in order with the changes around them', async () => {
    const actor = { userId: USER, organisationId: ORG, requestId: 'req-2' };
    const read = (n: number) => trail.stage(db.manager, actor, [{ action: 'READ', subjectType: 'Person', subjectId: null, fields: ['phone'], grounds: { rule: `r${n}` } }]);
    await Promise.all([read(1), append(2), read(2), read(3), append(1)]);
    const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM audit_events WHERE position IS NULL`);
    expect(pending).toBe(3);
    // The content of a recorded read cannot change while it waits, nor be removed.
    await expect(db.query(`UPDATE audit_events SET fields = '{}' WHERE position IS NULL`)).rejects.toMatchObject({ code: '42501' });
    await expect(db.query(`DELETE FROM audit_events WHERE position IS NULL`)).rejects.toMatchObject({ code: '42501' });
    await trail.flush(db.manager);
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE position IS NULL`)).toEqual([{ n: 0 }]);
    expect(await verify()).toMatchObject({ intact: true, events: 46 });
    // Once linked, an event's link cannot be rewritten either.
    await expect(db.query(`UPDATE audit_events SET position = position + 1000 WHERE position = 46`)).rejects.toMatchObject({ code: '42501' });
  });

  it('records reads that finish together in fewer statements, each caller returning once its own row is committed', async () => {
    const insert = jest.spyOn(db.manager, 'query');
    try {
      const reads = Array.from({ length: 20 }, (_, i) => trail.stage(db.manager, { userId: USER, organisationId: ORG, requestId: `together-${i}` },
        [{ action: 'READ', subjectType: 'Person', subjectId: null, fields: ['phone'] }]).then(async () => {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`, [`together-${i}`]);
        return n;
      }));
      expect(await Promise.all(reads)).toEqual(Array.from({ length: 20 }, () => 1));
      const inserts = insert.mock.calls.filter(([sql]) => String(sql).startsWith('INSERT INTO audit_events'));
      expect(inserts.length).toBeLessThan(20);
    } finally {
      insert.mockRestore();
    }
  });

  it('does not let one read whose row cannot be written cost the reads recorded with it theirs', async () => {
    const stage = (requestId: string, subjectId: string | null) =>
      trail.stage(db.manager, { userId: USER, organisationId: ORG, requestId }, [{ action: 'READ', subjectType: 'Person', subjectId, fields: ['phone'] }]);
    const outcomes = await Promise.allSettled([stage('fine-1', null), stage('broken', 'not-a-record-id'), stage('fine-2', null), stage('fine-3', null)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows: { request_id: string }[] = await db.query(`SELECT request_id FROM audit_events WHERE request_id IN ('fine-1', 'broken', 'fine-2', 'fine-3') ORDER BY request_id`);
    expect(rows.map((r) => r.request_id)).toEqual(['fine-1', 'fine-2', 'fine-3']);
    await trail.flush(db.manager);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('hashes the records and holders an event names, so that neither can be changed unseen', async () => {
    const many = ['0193a000-0000-7000-8000-200000000001', '0193a000-0000-7000-8000-200000000002'];
    await db.transaction((tx) => trail.record(tx, { userId: USER, organisationId: ORG }, [{
      action: 'EXPORT', subjectType: 'Person', subjectId: null, subjectIds: many, holderOrganisationIds: [ORG], fields: ['phone'], details: { purpose: '年度回访' },
    }]));
    const [row] = await db.query(`SELECT position, subject_ids, holder_ids FROM audit_events WHERE action = 'EXPORT'`);
    expect(row).toMatchObject({ subject_ids: many, holder_ids: [ORG] });
    expect(await verify()).toMatchObject({ intact: true });
    await tamper(`UPDATE audit_events SET subject_ids = subject_ids[1:1] WHERE position = ${Number(row.position)}`);
    expect(await verify()).toMatchObject({ intact: false, position: Number(row.position), problem: 'EDITED' });
    await tamper(`UPDATE audit_events SET subject_ids = $1 WHERE position = ${Number(row.position)}`.replace('$1', `'{${many.join(',')}}'`));
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('verifies every shape of event it writes, recorded with a change or staged as a read', async () => {
    const other = '0193a000-0000-7000-8000-000000000002';
    const person = '0193a000-0000-7000-8000-200000000003';
    const events: AuditEvent[] = [
      { action: 'SIGN_IN', subjectType: 'User', subjectId: null },
      { action: 'READ', subjectType: 'Person', subjectId: person, fields: ['phone', 'idNumber'], grounds: { consent: other, rule: 'consent' }, holderOrganisationId: ORG },
      {
        action: 'EXPORT', subjectType: 'Person', subjectId: null, subjectIds: [person, '0193a000-0000-7000-8000-200000000001', person],
        holderOrganisationIds: [other, ORG], holderOrganisationId: ORG, fields: ['address'],
        details: { purpose: '年度回访 “回访” \\ \n', rows: 0, share: 0.1, big: 2 ** 40, none: null, yes: false, zCode: 'Z', aCode: 'A' },
      },
      { action: 'CHANGE', subjectType: 'Membership', subjectId: null, fields: [], grounds: {}, details: {}, subjectIds: [], holderOrganisationIds: [] },
    ];
    const before = (await verify()).events;
    const nobody = { userId: null, organisationId: null };
    await db.transaction((tx) => trail.record(tx, { userId: USER, organisationId: ORG, requestId: 'every-shape' }, events));
    await db.transaction((tx) => trail.record(tx, nobody, events));
    await trail.stage(db.manager, { userId: USER, organisationId: null, requestId: null }, events);
    await trail.stage(db.manager, nobody, events);
    await trail.flush(db.manager);
    expect(await verify()).toMatchObject({ intact: true, events: before + 4 * events.length });
  });

  it('names the first edited event when someone with the power to lift the guard edits one', async () => {
    await tamper(`UPDATE audit_events SET details = details || '{"to": "PLATFORM_ADMIN"}' WHERE position = 7`);
    expect(await verify()).toMatchObject({ intact: false, position: 7, problem: 'EDITED' });
  });

  it('names the event after a removed one', async () => {
    await tamper(`UPDATE audit_events SET details = (SELECT details FROM audit_events WHERE position = 6) WHERE position = 7`);
    await tamper(`DELETE FROM audit_events WHERE position < 5`);
    expect(await verify()).toMatchObject({ intact: false, position: 5, problem: 'LINK_BROKEN' });
  });

  async function tamper(sql: string): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await tx.query(sql);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    });
  }
});
