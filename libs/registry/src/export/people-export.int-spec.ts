import { parse } from 'csv-parse/sync';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const EXPORT = `mutation($purpose: String!, $identity: Boolean, $reason: String) {
  exportPeople(language: EN, purpose: $purpose, includeIdentity: $identity, identityReason: $reason) { csv rows }
}`;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;

/** A list leaving the system: asked for with a purpose, identity masked unless asked for with a reason, recorded as what left. */
describe('exporting the people list', () => {
  let app: TestApp;
  let registrar: SignedIn;
  const ids: string[] = [];
  const exportAs = (session: SignedIn, variables: Record<string, unknown>) => session.gql<{ exportPeople: { csv: string; rows: number } }>(EXPORT, variables);
  const column = (csv: string, heading: string) => {
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    return rows.map((r) => r[header.indexOf(heading)]);
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    registrar = await app.login('caseworker@zhulian.demo');
    for (const [fullName, idNumber] of [['陶桂英', '11010519460101002X'], ['谢建国', '110105194807150028'], ['龚秀兰', '11010519491231002X']]) {
      ids.push((await makePerson(registrar, { fullName, idNumber, phone: '13600001111' })).id);
    }
  });
  afterAll(() => app.close());

  it('masks identity data unless it is asked for with a reason', async () => {
    const plain = await exportAs(registrar, { purpose: '季度入户走访' });
    expect(column(plain.data!.exportPeople.csv, 'ID number')).toEqual(['110105***********X', '110105***********8', '110105***********X']);
    expect(column(plain.data!.exportPeople.csv, 'Date of birth')).toEqual(['', '', '']);
    expect(column(plain.data!.exportPeople.csv, 'Mobile')).toEqual(['13600001111', '13600001111', '13600001111']);
    const noReason = await exportAs(registrar, { purpose: '低保复核', identity: true });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IDENTITY_REASON_REQUIRED', field: 'identityReason' });
    const full = await exportAs(registrar, { purpose: '低保复核', identity: true, reason: '民政局低保复核需核对完整身份证号' });
    expect(column(full.data!.exportPeople.csv, 'ID number')).toEqual(['11010519460101002X', '110105194807150028', '11010519491231002X']);
  });

  it('asks what the list is for, and keeps personal data out of the purpose', async () => {
    expect((await exportAs(registrar, { purpose: '' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    expect((await exportAs(registrar, { purpose: '给 13812345678 的名单' })).errors![0].extensions).toMatchObject({ reason: 'PERSONAL_DATA_IN_TEXT', field: 'purpose' });
  });

  it('records one event for what left, not one per person, and each person’s access report finds it', async () => {
    const before = await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'EXPORT' AND actor_user_id = $1`, [registrar.userId]);
    await exportAs(registrar, { purpose: '年度统计核对', identity: true, reason: '核对户籍信息需要完整身份证号码' });
    const events: { subject_ids: string[]; fields: string[]; details: Record<string, unknown> }[] = await app.db.query(
      `SELECT subject_ids, fields, details FROM audit_events WHERE action = 'EXPORT' AND actor_user_id = $1 ORDER BY occurred_at DESC, id LIMIT 10`, [registrar.userId]);
    const added = events.slice(0, events.length - before[0].n);
    expect(added).toHaveLength(1);
    expect([...added[0].subject_ids].sort()).toEqual([...ids].sort());
    expect(added[0].fields).toEqual(expect.arrayContaining(['idNumber', 'phone', 'fullName']));
    expect(added[0].details).toMatchObject({ purpose: '年度统计核对', reason: '核对户籍信息需要完整身份证号码', rows: 3, identity: true });
    await app.auditLinked();
    const report = await registrar.gql<{ personAccessReport: { action: string; purpose: string | null }[] }>(
      `query($id: ID!) { personAccessReport(personId: $id, field: "idNumber") { action purpose } }`, { id: ids[1] });
    expect(report.data!.personAccessReport).toContainEqual({ action: 'EXPORT', purpose: '年度统计核对' });
  });

  it('keeps a person registered in a street, and names the street with its district in the export', async () => {
    const registered = await makePerson(registrar, { fullName: '邹秀梅', regionCode: '110105001', phone: '13600002222' });
    const read = await registrar.gql<{ person: { regionCode: string } }>(`query($id: ID!) { person(id: $id) { regionCode } }`, { id: registered.id });
    expect(read.data!.person.regionCode).toBe('110105001');
    const csv = (await exportAs(registrar, { purpose: '街道走访名单' })).data!.exportPeople.csv;
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    const row = rows.find((r) => r[header.indexOf('Full name')] === '邹秀梅')!;
    expect(row[header.indexOf('Region')]).toBe('朝阳区建外街道 (110105001)');
    expect(column(csv, 'Region').filter((r) => r === '朝阳区 (110105)')).toHaveLength(3);
    // A street that does not exist, and a code of neither 6 nor 9 digits: refused, with the field named.
    const unknown = await registrar.gql(REGISTER, { input: { fullName: '某人', regionCode: '110105999' } });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGION_CODE_UNKNOWN', field: 'input.regionCode' });
    const malformed = await registrar.gql(REGISTER, { input: { fullName: '某人', regionCode: '1101050' } });
    expect(malformed.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
