import { createHash } from 'node:crypto';
import { Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { checkCharacter, RegistryModule } from '@zhulian/registry';
import { makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { beijingDate, InsightEvaluation, monthsBefore } from '../evaluation/insight-evaluation';
import { InsightsModule } from '../insights.module';

const DISTRICT = '0193a000-0000-7000-8000-000000000001';
const JIANWAI = '0193a000-0000-7000-8000-000000000002';

const idNumber = (birth: string, sequence: number) => {
  const first17 = `110105${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
};

interface AlertView {
  ruleCode: string; subjectType: string; householdSize: number | null; signalCount: number | null; signalTotalCents: number | null;
  burdenPercent: number | null; lastSignalOn: string | null; months: number | null; person: { fullName: string | null } | null;
}

/** The rules that read other departments' signals, from an imported file to the holder's alert. */
describe('early warnings from signal files', () => {
  let app: TestApp;
  let office: SignedIn;
  let holder: SignedIn;
  const today = beijingDate(new Date()).date;
  const numbers: Record<string, string> = {};

  const register = (input: Record<string, unknown>) => makePerson(holder, input);
  const importFile = async (kind: string, rows: { idNumber: string; date: string; amountYuan?: string }[]) => {
    const csv = JSON.stringify([kind, rows]);
    const started = await office.gql<{ startSignalImport: { import: { id: string } } }>(
      `mutation($input: StartSignalImportInput!) { startSignalImport(input: $input) { import { id } } }`,
      { input: { kind, fileName: `${kind}.csv`, sha256: createHash('sha256').update(csv).digest('hex'), rows: rows.length } });
    const importId = started.data!.startSignalImport.import.id;
    const sent = await office.gql(`mutation($input: AddSignalRowsInput!) { addSignalRows(input: $input) { rowsDone } }`,
      { input: { importId, rows: rows.map((r, i) => ({ ...r, line: i + 2 })) } });
    expect(sent.errors).toBeUndefined();
    expect((await office.gql(`mutation($id: ID!) { finishSignalImport(id: $id) { id } }`, { id: importId })).errors).toBeUndefined();
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, InsightsModule], seed: seedIdentityDemo });
    office = await app.loginNewMember(DISTRICT, Role.COORDINATOR);
    holder = await app.loginNewMember(JIANWAI, Role.COORDINATOR);

    // A household of two on 3,000 yuan a month; the wife's bills this year: 12,600 yuan, a third of a year's income.
    numbers.sick = idNumber('19620505', 122);
    const head = await register({ fullName: '韩立新', birthDate: '1960-01-01', newHousehold: { monthlyIncomeCents: 300_000 } });
    await register({ fullName: '韩妻', idNumber: numbers.sick, householdId: head.householdId!, relationToHead: 'SPOUSE' });
    // Better off: the same bills on 10,000 yuan a month.
    numbers.comfortable = idNumber('19630606', 134);
    await register({ fullName: '钱宽裕', idNumber: numbers.comfortable, newHousehold: { monthlyIncomeCents: 1_000_000 } });
    // Arrears two months ago, and someone else's five months ago.
    numbers.arrears = idNumber('19700707', 145);
    await register({ fullName: '欠费人', idNumber: numbers.arrears });
    numbers.oldArrears = idNumber('19710808', 156);
    await register({ fullName: '旧欠费', idNumber: numbers.oldArrears });

    await importFile('MEDICAL_BILL', [
      { idNumber: numbers.sick, date: monthsBefore(today, 2), amountYuan: '8600' },
      { idNumber: numbers.sick, date: monthsBefore(today, 7), amountYuan: '4000' },
      // Older than the rule's twelve months: not counted.
      { idNumber: numbers.sick, date: monthsBefore(today, 14), amountYuan: '50000' },
      { idNumber: numbers.comfortable, date: monthsBefore(today, 2), amountYuan: '12600' },
    ]);
    await importFile('UTILITY_ARREARS', [
      { idNumber: numbers.arrears, date: monthsBefore(today, 2), amountYuan: '860.40' },
      { idNumber: numbers.oldArrears, date: monthsBefore(today, 5), amountYuan: '300' },
    ]);
    await app.app.get(InsightEvaluation).evaluate(new Date());
  });
  afterAll(() => app.close());

  const alerts = async (ruleCode: string) => {
    const res = await holder.gql<{ insightAlerts: { edges: { node: AlertView }[] } }>(
      `query($f: InsightAlertFilter) { insightAlerts(first: 20, filter: $f) { edges { node {
         ruleCode subjectType householdSize signalCount signalTotalCents burdenPercent lastSignalOn months person { fullName } } } } }`, { f: { ruleCode } });
    expect(res.errors).toBeUndefined();
    return res.data!.insightAlerts.edges.map((e) => e.node);
  };

  it('warns the holder of a household whose medical bills outweigh its income, not of one that can bear them', async () => {
    expect(await alerts('MEDICAL_BURDEN')).toEqual([{
      ruleCode: 'MEDICAL_BURDEN', subjectType: 'Household', householdSize: 2, signalCount: 2, signalTotalCents: 1_260_000, burdenPercent: 35,
      lastSignalOn: null, months: 12, person: { fullName: '韩立新' },
    }]);
  });

  it('warns of recent utility arrears only', async () => {
    expect(await alerts('UTILITY_ARREARS_RECENT')).toEqual([{
      ruleCode: 'UTILITY_ARREARS_RECENT', subjectType: 'Person', householdSize: null, signalCount: 1, signalTotalCents: 86_040, burdenPercent: null,
      lastSignalOn: monthsBefore(today, 2), months: 3, person: { fullName: '欠费人' },
    }]);
  });

  it('evaluates as soon as a file is imported, not only at night', async () => {
    await importFile('DISABILITY_REGISTRATION', [{ idNumber: numbers.arrears, date: monthsBefore(today, 1) }]);
    await app.app.get(InsightEvaluation).settled();
    expect(await alerts('DISABILITY_NEWLY_REGISTERED')).toEqual([expect.objectContaining({ signalCount: 1, person: { fullName: '欠费人' } })]);
  });

  it('shows the importing office nothing of whom its file concerned', async () => {
    const res = await office.gql<{ insightAlertsCount: number }>(`{ insightAlertsCount(filter: { live: true }) }`);
    expect(res.data!.insightAlertsCount).toBe(0);
  });
});
