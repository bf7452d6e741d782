import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';
import { IDENTITY_LOOKUP_LIMITS } from './identity-lookups';
import { checkCharacter } from './resident-id';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const CHECK = `query($input: DuplicateCheckInput!) { duplicateCandidates(input: $input) { idNumberTaken candidates { person { id } reasons } } }`;
const REPORT = `query($id: ID!, $field: String) { personAccessReport(personId: $id, field: $field) { action actorUserId fields } }`;
const ALERTS = `{ securityAlerts(first: 20) { edges { node { kind actorName acknowledgedAt } } } }`;

/** A valid resident ID number (check character and all) for region 110105, a birth date and a sequence number. */
const residentId = (birthDate: string, sequence: number): string => {
  const first17 = `110105${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
};

/**
 * Every resident ID number that agrees with a masked one and with what its viewer may read besides
 * (the birth year, the gender — its sequence digit's parity — and the region), check character included.
 */
function candidatesFor(mask: string, known: { birthYear: number; gender: string; regionCode: string }): number {
  const agrees = (candidate: string) => [...mask].every((c, i) => c === '*' || c === candidate[i]);
  let count = 0;
  for (let day = new Date(Date.UTC(known.birthYear, 0, 1)); day.getUTCFullYear() === known.birthYear; day.setUTCDate(day.getUTCDate() + 1)) {
    const date = day.toISOString().slice(0, 10).replaceAll('-', '');
    for (let sequence = 0; sequence < 1000; sequence += 1) {
      if ((sequence % 2 === 1) !== (known.gender === 'MALE')) continue;
      const region = mask.startsWith('*') ? known.regionCode : mask.slice(0, 6);
      const first17 = `${region}${date}${String(sequence).padStart(3, '0')}`;
      if (agrees(`${first17}${checkCharacter(first17)}`)) count += 1;
    }
  }
  return count;
}

describe('what may not be read cannot be inferred from the registry', () => {
  let app: TestApp;
  let registrar: SignedIn;
  let colleague: SignedIn;
  let personId: string;
  const ID_NUMBER = residentId('1951-07-19', 8);

  const lookups = async (userId: string) =>
    (await app.db.query(`SELECT subject_id, fields, grounds FROM audit_events WHERE action = 'LOOKUP' AND actor_user_id = $1 ORDER BY occurred_at, id`, [userId])) as
      { subject_id: string | null; fields: string[]; grounds: { rule: string } }[];

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    registrar = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    colleague = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    personId = (await makePerson(registrar, { fullName: '李秀兰', idNumber: ID_NUMBER, phone: '13811112222' })).id;
  });
  afterAll(() => app.close());

  it('shows a colleague a mask of the ID number that, with everything else they may read, leaves at least 10,000 numbers', async () => {
    const res = await colleague.gql<{ person: { idNumber: string; birthYear: number; gender: string; regionCode: string; birthDate: string | null } }>(
      `query($id: ID!) { person(id: $id) { idNumber birthYear gender regionCode birthDate } }`, { id: personId });
    const seen = res.data!.person;
    expect(seen.birthDate).toBeNull();
    expect(seen.idNumber).toContain('*');
    expect(candidatesFor(seen.idNumber, seen)).toBeGreaterThanOrEqual(10_000);
  });

  it('answers "is this number taken?" only within a per-user limit, raises the burst to the organisation, and never counts one number twice', async () => {
    const prober = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const guesses = Array.from({ length: IDENTITY_LOOKUP_LIMITS.userPerMinute + 5 }, (_, i) => residentId('1951-07-19', 100 + i * 2));
    // Asked at once, as an attacker would: counted and decided one at a time all the same.
    const answers = await Promise.all(guesses.map((idNumber) => prober.gql(CHECK, { input: { fullName: '李', idNumber } })));
    const answered = answers.filter((a) => a.data?.duplicateCandidates);
    const refused = answers.filter((a) => a.errors?.[0].extensions.reason === 'IDENTITY_LOOKUPS_EXCEEDED');
    expect(answered).toHaveLength(IDENTITY_LOOKUP_LIMITS.userPerMinute);
    expect(refused).toHaveLength(5);
    expect(refused[0].errors![0].extensions.code).toBe('RATE_LIMITED');
    // A number already answered is answered again (a form re-checked while typing the name), any other is refused.
    const again = answers.findIndex((a) => a.data?.duplicateCandidates);
    expect((await prober.gql(CHECK, { input: { fullName: '李秀', idNumber: guesses[again] } })).data?.duplicateCandidates).toBeTruthy();
    expect((await prober.gql(CHECK, { input: { fullName: '李', idNumber: ID_NUMBER } })).errors![0].extensions.reason).toBe('IDENTITY_LOOKUPS_EXCEEDED');
    // Registering is the same question: refused too while the limit holds.
    const register = await prober.gql(REGISTER, { input: { fullName: '李秀兰', idNumber: residentId('1951-07-19', 998), regionCode: '110105' } });
    expect(register.errors![0].extensions.reason).toBe('IDENTITY_LOOKUPS_EXCEEDED');
    const coordinator = await app.login('jianwai@zhulian.demo');
    const alerts = await coordinator.gql<{ securityAlerts: { edges: { node: { kind: string } }[] } }>(ALERTS);
    expect(alerts.data!.securityAlerts.edges.filter((e) => e.node.kind === 'IDENTITY_LOOKUP_BURST')).toHaveLength(1);
    // Another organisation hears nothing of it.
    const ngoAdmin = await app.loginNewMember(ELDERLY_NGO, Role.ORG_ADMIN);
    expect((await ngoAdmin.gql<{ securityAlerts: { edges: unknown[] } }>(ALERTS)).data!.securityAlerts.edges).toEqual([]);
  });

  it('audits each answer as a look-up of the ID number, on the person it found, for their access report', async () => {
    const asker = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const res = await asker.gql<{ duplicateCandidates: { idNumberTaken: boolean } }>(CHECK, { input: { fullName: '王', idNumber: ID_NUMBER } });
    expect(res.data!.duplicateCandidates.idNumberTaken).toBe(true);
    await asker.gql(CHECK, { input: { fullName: '王', idNumber: residentId('1960-01-02', 11) } });
    expect(await lookups(asker.userId)).toEqual([
      { subject_id: personId, fields: ['idNumber'], grounds: { rule: 'duplicate-check' } },
      { subject_id: null, fields: ['idNumber'], grounds: { rule: 'duplicate-check' } },
    ]);
    await app.auditLinked();
    const report = await registrar.gql<{ personAccessReport: { action: string; actorUserId: string }[] }>(REPORT, { id: personId, field: 'idNumber' });
    expect(report.data!.personAccessReport).toContainEqual({ action: 'LOOKUP', actorUserId: asker.userId, fields: ['idNumber'] });
  });

  it('settles the rest of a registration before answering about its ID number: an invented household learns nothing', async () => {
    const asker = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const res = await asker.gql(REGISTER, {
      input: { fullName: '李秀兰', idNumber: ID_NUMBER, regionCode: '110105', householdId: '0193a000-0000-7000-8000-0000000000ff', relationToHead: 'SPOUSE' },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'HOUSEHOLD_NOT_FOUND' });
    const taken = await asker.gql(REGISTER, { input: { fullName: '李秀兰', idNumber: ID_NUMBER, regionCode: '110105' } });
    expect(taken.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_ID_NUMBER' });
    expect(await lookups(asker.userId)).toEqual([{ subject_id: personId, fields: ['idNumber'], grounds: { rule: 'register-person' } }]);
  });

  it('records searches and counts by ID number or phone, and duplicate reasons found on them, as look-ups of the people they matched', async () => {
    const found = await registrar.gql<{ people: { edges: { node: { id: string } }[] }; peopleCount: number }>(
      `query($s: PeopleSearch) { people(search: $s) { edges { node { id } } } peopleCount(search: $s) }`, { s: { idNumber: ID_NUMBER } });
    expect(found.data!.people.edges.map((e) => e.node.id)).toEqual([personId]);
    expect(found.data!.peopleCount).toBe(1);
    await registrar.gql(`query($s: PeopleSearch) { peopleCount(search: $s) }`, { s: { phone: '13811112222' } });
    await registrar.gql(`query($s: PeopleSearch) { peopleCount(search: $s) }`, { s: { phone: '13899990000' } });
    await registrar.gql(CHECK, { input: { fullName: '李秀芝', phone: '13811112222' } });
    const recorded = (await lookups(registrar.userId)).filter((e) => e.grounds.rule !== 'register-person');
    expect(recorded).toEqual([
      { subject_id: personId, fields: ['idNumber'], grounds: { rule: 'people-search' } },
      { subject_id: personId, fields: ['idNumber'], grounds: { rule: 'people-search' } },
      { subject_id: personId, fields: ['phone'], grounds: { rule: 'people-search' } },
      { subject_id: null, fields: ['phone'], grounds: { rule: 'people-search' } },
      { subject_id: personId, fields: ['phone'], grounds: { rule: 'duplicate-check' } },
    ]);
  });

  it('refuses a cursor it did not sign, or signed for someone else, instead of positioning the page by a hidden record', async () => {
    for (const fullName of ['赵一', '钱二', '孙三']) await registrar.gql(REGISTER, { input: { fullName, regionCode: '110105' } });
    const coordinator = await app.login('jianwai@zhulian.demo');
    const PAGE = `query($after: String) { people(first: 2, orderBy: NAME, after: $after) { edges { node { id fullName } } pageInfo { endCursor } } }`;
    const first = await coordinator.gql<{ people: { pageInfo: { endCursor: string } } }>(PAGE, {});
    const cursor = first.data!.people.pageInfo.endCursor;
    expect((await coordinator.gql<{ people: { edges: unknown[] } }>(PAGE, { after: cursor })).data!.people.edges).toHaveLength(2);
    // The id of a record the NGO may not see, made into a cursor by hand, as the attack did.
    const ngo = await app.login('ngo@zhulian.demo');
    const forged = Buffer.from(JSON.stringify([personId])).toString('base64url');
    for (const after of [forged, cursor, `${forged}.${cursor.split('.')[1]}`, '%%%', 'a.b.c']) {
      const res = await ngo.gql(PAGE, { after });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    }
  });
});
