import { createHash } from 'node:crypto';
import { Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { checkCharacter, RegistryModule } from '@zhulian/registry';
import { makeOrganisation, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';

const DISTRICT = '0193a000-0000-7000-8000-000000000001';
const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const NGO = '0193a000-0000-7000-8000-000000000004';

/** A valid resident ID number: region, birth date, sequence, and its check character. */
const idNumber = (region: string, birth: string, sequence: number) => {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
};
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface ImportView {
  id: string; status: string; rowsExpected: number; rowsDone: number; invalid: number; matched: number | null; repeated: number | null;
  unmatched: number | null; countsSuppressed: boolean; issues: { line: number; problem: string }[];
}
const IMPORT_FIELDS = 'id status rowsExpected rowsDone invalid matched repeated unmatched countsSuppressed issues { line problem }';

/** Another department's file, matched through the blind index: only matched rows kept, counts shown only when no one can be singled out. */
describe('signal files from other departments', () => {
  let app: TestApp;
  let office: SignedIn;
  let registrar: SignedIn;
  const registered: string[] = [];
  const unregistered = Array.from({ length: 6 }, (_, i) => idNumber('110105', '19500101', 600 + i));
  let elsewhere: string;

  const start = async (session: SignedIn, kind: string, csv: string, rows: number) =>
    session.gql<{ startSignalImport: { import: ImportView; alreadyImported: boolean } }>(
      `mutation($input: StartSignalImportInput!) { startSignalImport(input: $input) { alreadyImported import { ${IMPORT_FIELDS} } } }`,
      { input: { kind, fileName: 'medical-bills.csv', sha256: sha(csv), rows } });
  const send = async (session: SignedIn, importId: string, rows: { line: number; idNumber: string; date: string; amountYuan?: string }[]) =>
    session.gql<{ addSignalRows: { rows: number; rowsDone: number; issues: { line: number; problem: string }[] } }>(
      `mutation($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows rowsDone issues { line problem } } }`, { input: { importId, rows } });
  const finish = async (session: SignedIn, id: string) =>
    session.gql<{ finishSignalImport: ImportView }>(`mutation($id: ID!) { finishSignalImport(id: $id) { ${IMPORT_FIELDS} } }`, { id });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    office = await app.loginNewMember(DISTRICT, Role.COORDINATOR);
    registrar = await app.loginNewMember(JIANWAI, Role.COORDINATOR);
    for (let i = 0; i < 6; i += 1) {
      const number = idNumber('110105', `1948020${i + 1}`, 100 + 2 * i);
      await makePerson(registrar, { fullName: `测试${i}`, idNumber: number });
      registered.push(number);
    }
    // Someone registered in another district: not the district office's to match.
    elsewhere = idNumber('110101', '19600303', 301);
    await makePerson(registrar, { fullName: '东城人', regionCode: '110101', idNumber: elsewhere });
  });
  afterAll(() => app.close());

  it('matches through the blind index, keeps only matched rows, reports bad rows by line, and counts a repeated batch once', async () => {
    const lines = [
      ...registered.map((n, i) => ({ idNumber: n, date: '2026-03-0' + ((i % 9) + 1), amountYuan: `${20_000 + i}.50` })),
      ...unregistered.map((n) => ({ idNumber: n, date: '2026-03-10', amountYuan: '15000' })),
      { idNumber: elsewhere, date: '2026-03-11', amountYuan: '30000' },
      { idNumber: `${registered[0].slice(0, 17)}${registered[0][17] === '0' ? '1' : '0'}`, date: '2026-03-12', amountYuan: '100' },
      { idNumber: registered[1], date: '2026-02-30', amountYuan: '100' },
      { idNumber: registered[2], date: '2026-03-13', amountYuan: '一百' },
    ].map((row, i) => ({ ...row, line: i + 2 }));
    const csv = lines.map((l) => `${l.idNumber},${l.date},${l.amountYuan}`).join('\n');
    const started = await start(office, 'MEDICAL_BILL', csv, lines.length);
    expect(started.errors).toBeUndefined();
    const importId = started.data!.startSignalImport.import.id;
    expect(started.data!.startSignalImport).toMatchObject({ alreadyImported: false, import: { status: 'RUNNING', rowsDone: 0, rowsExpected: 16 } });

    const first = await send(office, importId, lines.slice(0, 8));
    expect(first.data!.addSignalRows).toEqual({ rows: 8, rowsDone: 8, issues: [] });
    // The same batch again (a retried request): counted once.
    expect((await send(office, importId, lines.slice(0, 8))).data!.addSignalRows.rowsDone).toBe(8);
    // While it runs, nothing says how many matched.
    const running = await office.gql<{ signalImport: ImportView }>(`query($id: ID!) { signalImport(id: $id) { ${IMPORT_FIELDS} } }`, { id: importId });
    expect(running.data!.signalImport).toMatchObject({ rowsDone: 8, matched: null, unmatched: null, countsSuppressed: true });
    const early = await finish(office, importId);
    expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SIGNAL_ROWS_MISSING' });

    const second = await send(office, importId, lines.slice(8));
    expect(second.data!.addSignalRows.issues).toEqual([
      { line: 15, problem: 'ID_NUMBER_CHECK' }, { line: 16, problem: 'DATE' }, { line: 17, problem: 'AMOUNT' }]);
    const done = await finish(office, importId);
    expect(done.data!.finishSignalImport).toMatchObject({ status: 'DONE', rowsDone: 16, invalid: 3, matched: 6, repeated: 0, unmatched: 7, countsSuppressed: false });

    // Only the six matched rows are stored; no unmatched number (nor anything derived from one) is.
    const stored: { n: number }[] = await app.db.query(`SELECT count(*)::int AS n FROM person_signals WHERE import_id = $1`, [importId]);
    expect(stored).toEqual([{ n: 6 }]);
    const dump = JSON.stringify(await app.db.query(`SELECT i.*, b.* FROM signal_imports i JOIN signal_import_batches b ON b.import_id = i.id`));
    for (const number of [...unregistered, elsewhere, ...registered]) expect(dump).not.toContain(number);
  });

  it('imports the same file once, and knows a row already given by another file', async () => {
    const rows = registered.map((n, i) => ({ line: i + 2, idNumber: n, date: '2026-03-0' + ((i % 9) + 1), amountYuan: `${20_000 + i}.50` }))
      .concat(unregistered.map((n, i) => ({ line: i + 8, idNumber: n, date: '2026-03-10', amountYuan: '15000' })));
    const csv = rows.map((l) => `${l.idNumber},${l.date},${l.amountYuan}`).join('\n') + '\n# another export of the same bills';
    const started = await start(office, 'MEDICAL_BILL', csv, rows.length);
    const importId = started.data!.startSignalImport.import.id;
    await send(office, importId, rows);
    expect((await finish(office, importId)).data!.finishSignalImport).toMatchObject({ matched: 6, repeated: 6, unmatched: 6 });
    const before: { n: number }[] = await app.db.query(`SELECT count(*)::int AS n FROM person_signals`);
    expect(before).toEqual([{ n: 6 }]);

    const again = await start(office, 'MEDICAL_BILL', csv, rows.length);
    expect(again.data!.startSignalImport).toMatchObject({ alreadyImported: true, import: { id: importId, status: 'DONE' } });
    const late = await send(office, importId, rows.slice(0, 1).map((r) => ({ ...r, line: 99 })));
    expect(late.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SIGNAL_IMPORT_FINISHED' });
  });

  it('withholds the counts of a small file, so that no one learns whether one person is registered', async () => {
    const rows = [registered[0], ...unregistered.slice(0, 3)].map((n, i) => ({ line: i + 2, idNumber: n, date: '2026-04-01', amountYuan: '5000' }));
    const started = await start(office, 'UTILITY_ARREARS', rows.map((r) => r.idNumber).join('\n'), rows.length);
    const importId = started.data!.startSignalImport.import.id;
    await send(office, importId, rows);
    expect((await finish(office, importId)).data!.finishSignalImport).toMatchObject({ matched: null, repeated: null, unmatched: null, countsSuppressed: true, invalid: 0 });
  });

  it('is the work of a civil-affairs office’s coordinators, each office with its own imports', async () => {
    const started = await start(office, 'DISABILITY_REGISTRATION', 'x', 1);
    const importId = started.data!.startSignalImport.import.id;
    const other = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE' });
    for (const [organisationId, role, reason] of [[DISTRICT, Role.CASEWORKER, 'ROLE_NOT_ALLOWED'], [NGO, Role.COORDINATOR, 'SIGNAL_IMPORT_NOT_ALLOWED'],
      [DISTRICT, Role.AUDITOR, 'ROLE_NOT_ALLOWED']] as const) {
      const session = await app.loginNewMember(organisationId, role);
      const res = await start(session, 'MEDICAL_BILL', `${role}${organisationId}`, 1);
      expect([role, res.errors![0].extensions]).toEqual([role, expect.objectContaining({ code: 'FORBIDDEN' })]);
      if (reason === 'SIGNAL_IMPORT_NOT_ALLOWED') expect(res.errors![0].extensions.reason).toBe(reason);
    }
    const strangerSession = await app.loginNewMember(other.id, Role.COORDINATOR);
    const peek = await strangerSession.gql(`query($id: ID!) { signalImport(id: $id) { id } }`, { id: importId });
    expect(peek.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SIGNAL_IMPORT_NOT_FOUND' });
    const push = await send(strangerSession, importId, [{ line: 2, idNumber: registered[0], date: '2026-01-01' }]);
    expect(push.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await strangerSession.gql<{ signalImports: { edges: unknown[] } }>(`{ signalImports { edges { node { id } } } }`)).data!.signalImports.edges).toEqual([]);
  });

  it('refuses malformed requests with a code and changes nothing', async () => {
    const bad = await office.gql(`mutation { startSignalImport(input: { kind: MEDICAL_BILL, fileName: "a.csv", sha256: "not-a-hash", rows: 3 }) { alreadyImported } }`);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const started = await start(office, 'MEDICAL_BILL', 'three rows', 3);
    const importId = started.data!.startSignalImport.import.id;
    const order = await send(office, importId, [{ line: 3, idNumber: registered[0], date: '2026-01-01', amountYuan: '1' }, { line: 2, idNumber: registered[1], date: '2026-01-01', amountYuan: '1' }]);
    expect(order.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ROWS_OUT_OF_ORDER' });
    const many = await send(office, importId, [2, 3, 4, 5].map((line) => ({ line, idNumber: registered[0], date: '2026-01-01', amountYuan: '1' })));
    expect(many.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ROWS' });
    const batches: unknown[] = await app.db.query(`SELECT 1 FROM signal_import_batches WHERE import_id = $1`, [importId]);
    expect(batches).toEqual([]);
  });
});
