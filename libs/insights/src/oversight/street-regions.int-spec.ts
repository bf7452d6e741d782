import { createHash } from 'node:crypto';
import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { checkCharacter, RegistryModule } from '@zhulian/registry';
import { makeInsightAlert, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';

const DISTRICT = '0193a000-0000-7000-8000-000000000001'; // 朝阳区民政局, 110105
const JIANWAI = '0193a000-0000-7000-8000-000000000002'; // 建外街道办事处, 110105001
const SANLITUN = '0193a000-0000-7000-8000-000000000003'; // 三里屯街道办事处, 110105004

const idNumber = (birth: string, sequence: number) => {
  const first17 = `110105${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
};
const DASHBOARD = `query($r: String) { regionDashboard(regionCode: $r) { regionCode people byRegion { regionCode people } } }`;

/**
 * Street offices keep their street's people under its 9-digit code: the district office's region views (the
 * ID-number matcher of signal imports, the dashboard) take in every street of the district; a street office's
 * take in its own street only.
 */
describe('streets inside a district', () => {
  let app: TestApp;
  const sessions: Record<string, SignedIn> = {};
  const numbers: string[] = [];
  const personIds: string[] = [];

  const coordinatorOf = (organisationId: string) => app.loginNewMember(organisationId, Role.COORDINATOR);
  /**
   * Imports a file of the numbers as the office, and tells how many of its rows were matched to a person (stored
   * as signals; each office's file of another day, so that none is a repeat of another's).
   */
  const matched = async (office: SignedIn, kind: string, date: string): Promise<number> => {
    const rows = numbers.map((n, i) => ({ line: i + 2, idNumber: n, date, amountYuan: '20000' }));
    const sha = createHash('sha256').update(`${kind}:${date}:${numbers.join(',')}`).digest('hex');
    const started = await office.gql<{ startSignalImport: { import: { id: string } } }>(
      `mutation($input: StartSignalImportInput!) { startSignalImport(input: $input) { import { id } } }`,
      { input: { kind, fileName: 'bills.csv', sha256: sha, rows: rows.length } });
    expect(started.errors).toBeUndefined();
    const importId = started.data!.startSignalImport.import.id;
    expect((await office.gql(`mutation($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rows } }`, { input: { importId, rows } })).errors).toBeUndefined();
    expect((await office.gql(`mutation($id: ID!) { finishSignalImport(id: $id) { status } }`, { id: importId })).errors).toBeUndefined();
    const [{ n }]: { n: number }[] = await app.db.query(`SELECT count(*)::int AS n FROM person_signals WHERE import_id = $1`, [importId]);
    return n;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    sessions.district = await coordinatorOf(DISTRICT);
    sessions.jianwai = await coordinatorOf(JIANWAI);
    sessions.sanlitun = await coordinatorOf(SANLITUN);
    for (let i = 0; i < 6; i += 1) {
      const number = idNumber(`1947030${i + 1}`, 200 + 2 * i);
      const res = await sessions.jianwai.gql<{ registerPerson: { id: string; regionCode: string } }>(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id regionCode } }`,
        { input: { fullName: `建外${i}`, regionCode: '110105001', idNumber: number } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerPerson.regionCode).toBe('110105001');
      numbers.push(number);
      personIds.push(res.data!.registerPerson.id);
    }
  });
  afterAll(() => app.close());

  it('matches a street’s people for the district office and the street’s own office, not for the other street’s', async () => {
    expect(await matched(sessions.district, 'MEDICAL_BILL', '2026-03-01')).toBe(6);
    expect(await matched(sessions.jianwai, 'MEDICAL_BILL', '2026-03-02')).toBe(6);
    expect(await matched(sessions.sanlitun, 'MEDICAL_BILL', '2026-03-03')).toBe(0);
  });

  it('shows the street’s row on the district’s dashboard, not on the other street’s', async () => {
    const district = await sessions.district.gql<{ regionDashboard: { regionCode: string; people: number | null; byRegion: { regionCode: string; people: number | null }[] } }>(DASHBOARD);
    expect(district.errors).toBeUndefined();
    expect(district.data!.regionDashboard).toMatchObject({ regionCode: '110105', people: 6, byRegion: [{ regionCode: '110105001', people: 6 }] });

    const own = await sessions.jianwai.gql<{ regionDashboard: { regionCode: string; people: number | null } }>(DASHBOARD);
    expect(own.data!.regionDashboard).toMatchObject({ regionCode: '110105001', people: 6 });

    const other = await sessions.sanlitun.gql<{ regionDashboard: { regionCode: string; people: number | null; byRegion: unknown[] } }>(DASHBOARD);
    expect(other.errors).toBeUndefined();
    expect(other.data!.regionDashboard).toMatchObject({ regionCode: '110105004', people: 0, byRegion: [] });
    for (const region of ['110105001', '110105']) {
      const asked = await sessions.sanlitun.gql(DASHBOARD, { r: region });
      expect([region, asked.errors![0].extensions]).toMatchObject([region, { code: 'FORBIDDEN', reason: 'REGION_NOT_YOURS' }]);
    }
  });

  it('finds a street’s alert when the alerts are filtered by its district or by the street, not by the other street', async () => {
    await makeInsightAlert(app.db, { ruleCode: 'ELDERLY_ALONE_NO_CONTACT', personId: personIds[0], holdingOrganisationId: JIANWAI, regionCode: '110105001' });
    const count = async (regionCode: string) => {
      const res = await sessions.jianwai.gql<{ insightAlerts: { edges: unknown[] } }>(
        `query($r: String) { insightAlerts(first: 50, filter: { regionCode: $r }) { edges { node { id } } } }`, { r: regionCode });
      expect(res.errors).toBeUndefined();
      return res.data!.insightAlerts.edges.length;
    };
    expect([await count('110105'), await count('110105001'), await count('110105004'), await count('110106')]).toEqual([1, 1, 0, 0]);
  });
});
