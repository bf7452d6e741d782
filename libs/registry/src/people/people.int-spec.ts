import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const ORGS = {
  district: '0193a000-0000-7000-8000-000000000001',
  jianwai: '0193a000-0000-7000-8000-000000000002',
  sanlitun: '0193a000-0000-7000-8000-000000000003',
  elderlyNgo: '0193a000-0000-7000-8000-000000000004',
  familyNgo: '0193a000-0000-7000-8000-000000000005',
};

const PERSON_FIELDS = `id fullName gender birthYear birthDate idDocumentType idNumber phone address regionCode disability chronicIllness monthlyIncomeCents assistance notes holdingOrganisationId`;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { ${PERSON_FIELDS} } }`;
const PERSON = `query($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`;
const PEOPLE = `{ people(first: 50) { edges { node { id fullName phone } } } peopleCount }`;
const CONSENT = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id categories withdrawnAt } }`;

const WANG = {
  fullName: '王秀兰', idNumber: '11010519491231002X', phone: '13912345678', address: '朝阳区建外街道光华里 3 号楼 2 单元 401',
  regionCode: '110105', disability: '肢体三级', chronicIllness: '高血压', monthlyIncomeCents: 180000, assistance: ['DIBAO'], notes: '独居，子女在外地',
};

type PersonResult = Record<string, unknown>;

describe('the people registry under access rules', () => {
  let app: TestApp;
  let caseworker: SignedIn;
  let wangId: string;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    caseworker = await app.login('caseworker@zhulian.demo');
    const res = await caseworker.gql<{ registerPerson: PersonResult }>(REGISTER, { input: WANG });
    expect(res.errors).toBeUndefined();
    wangId = String(res.data!.registerPerson.id);
  });
  afterAll(() => app.close());

  const seeWang = (as: SignedIn) => as.gql<{ person: PersonResult | null }>(PERSON, { id: wangId });

  it('shows the registering caseworker everything, the ID number decrypted and the facts it carries', async () => {
    const res = await seeWang(caseworker);
    expect(res.data!.person).toEqual({
      id: wangId, ...WANG, gender: 'FEMALE', birthYear: 1949, birthDate: '1949-12-31', idDocumentType: 'RESIDENT_ID',
      holdingOrganisationId: ORGS.jianwai,
    });
    expect(res.extensions).toBeUndefined();
  });

  it('stores the ID number only sealed and blind-indexed', async () => {
    const [row] = await app.db.query(`SELECT id_sealed::text AS sealed, id_blind_index FROM people WHERE id = $1`, [wangId]);
    expect(row.sealed).not.toContain('110105');
    expect(row.id_blind_index).toHaveLength(32);
  });

  it('shows another caseworker of the office basic data, the phone and ID masked, the rest withheld and named', async () => {
    const other = await app.loginNewMember(ORGS.jianwai, Role.CASEWORKER);
    const res = await seeWang(other);
    expect(res.data!.person).toMatchObject({
      fullName: '王秀兰', gender: 'FEMALE', birthYear: 1949, regionCode: '110105',
      phone: '139****5678', idNumber: '110105***********X',
      birthDate: null, address: null, disability: null, chronicIllness: null, monthlyIncomeCents: null, assistance: null, notes: null,
    });
    const denied = (res.extensions as { access: { denied: { path: string; reason: string }[] } }).access.denied;
    expect(denied).toEqual(expect.arrayContaining([{ path: 'person.notes', reason: 'NOT_PERMITTED' }, { path: 'person.disability', reason: 'NOT_PERMITTED' }]));
    expect(denied.map((d) => d.path)).not.toContain('person.fullName');
  });

  it('shows the office’s coordinator everything, and another office’s coordinator nothing, as if it did not exist', async () => {
    const coordinator = await app.loginNewMember(ORGS.jianwai, Role.COORDINATOR);
    expect((await seeWang(coordinator)).data!.person).toMatchObject({ notes: WANG.notes, idNumber: WANG.idNumber });
    const district = await app.login('coordinator@zhulian.demo');
    const res = await seeWang(district);
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'PERSON_NOT_FOUND' });
    expect((await district.gql<{ peopleCount: number }>(PEOPLE)).data!.peopleCount).toBe(0);
  });

  it('shows no one to volunteers, auditors and platform admins', async () => {
    for (const email of ['volunteer@zhulian.demo', 'auditor@zhulian.demo', 'admin@zhulian.demo']) {
      const session = await app.login(email);
      expect((await seeWang(session)).errors![0].extensions.code).toBe('NOT_FOUND');
      expect((await session.gql(PEOPLE)).data).toEqual({ people: { edges: [] }, peopleCount: 0 });
    }
  });

  it('lets an NGO see exactly the consented categories, until the consent is withdrawn or expires', async () => {
    const ngo = await app.login('ngo@zhulian.demo');
    expect((await seeWang(ngo)).errors![0].extensions.code).toBe('NOT_FOUND');

    const consent = await caseworker.gql<{ recordConsent: { id: string } }>(CONSENT, {
      input: { personId: wangId, recipientOrganisationId: ORGS.elderlyNgo, categories: ['basic', 'contact'], purpose: 'SERVICE_DELIVERY', givenBy: 'SELF', evidence: '知情同意书 2026-118' },
    });
    expect(consent.errors).toBeUndefined();
    const seen = await seeWang(ngo);
    expect(seen.data!.person).toMatchObject({ fullName: '王秀兰', phone: WANG.phone, address: WANG.address, idNumber: null, disability: null, notes: null });
    expect((await ngo.gql<{ peopleCount: number }>(PEOPLE)).data!.peopleCount).toBe(1);

    await app.db.query(`UPDATE consents SET valid_until = now() - interval '1 second', valid_from = now() - interval '1 day' WHERE id = $1`, [consent.data!.recordConsent.id]);
    expect((await seeWang(ngo)).errors![0].extensions.code).toBe('NOT_FOUND');
    await app.db.query(`UPDATE consents SET valid_until = NULL WHERE id = $1`, [consent.data!.recordConsent.id]);
    expect((await seeWang(ngo)).data!.person).toMatchObject({ phone: WANG.phone });

    // The person asks who saw their phone number: one query answers, with the NGO's consent as grounds.
    const report = await caseworker.gql<{ personAccessReport: { actorName: string; actorOrganisationName: string; fields: string[]; grounds: string }[] }>(
      `query($id: ID!) { personAccessReport(personId: $id, field: "phone") { actorName actorOrganisationName fields grounds } }`, { id: wangId });
    const byNgo = report.data!.personAccessReport.filter((e) => e.actorOrganisationName === '朝阳区夕阳红养老服务中心');
    expect(byNgo.length).toBeGreaterThan(0);
    expect(byNgo.every((e) => e.actorName === '刘芳' && e.fields.includes('phone') && JSON.parse(e.grounds).rule === 'consent')).toBe(true);

    // A page of two consenting people is one event naming both consents; each person's report names their own only.
    const li = await caseworker.gql<{ registerPerson: PersonResult }>(REGISTER, { input: { fullName: '李建国', regionCode: '110105', phone: '13800001111', idNumber: '110105195001010012' } });
    expect(li.errors).toBeUndefined();
    const liId = String(li.data!.registerPerson.id);
    const liConsent = await caseworker.gql<{ recordConsent: { id: string } }>(CONSENT, {
      input: { personId: liId, recipientOrganisationId: ORGS.elderlyNgo, categories: ['basic', 'contact'], purpose: 'SERVICE_DELIVERY', givenBy: 'SELF', evidence: '知情同意书 2026-119' },
    });
    expect(liConsent.errors).toBeUndefined();
    await app.auditLinked();
    const [{ before }] = await app.db.query(`SELECT count(*)::int AS before FROM audit_events`);
    expect((await ngo.gql<{ people: { edges: unknown[] } }>(PEOPLE)).data!.people.edges).toHaveLength(2);
    await app.auditLinked();
    const written = await app.db.query(`SELECT action, subject_ids, grounds FROM audit_events ORDER BY position DESC NULLS FIRST LIMIT (SELECT count(*) FROM audit_events) - $1`, [before]);
    expect(written).toEqual([{ action: 'READ', subject_ids: [wangId, liId].sort(), grounds: { rule: 'consent', consents: [consent.data!.recordConsent.id, liConsent.data!.recordConsent.id].sort().join(',') } }]);
    const groundsOf = async (id: string) => (await caseworker.gql<{ personAccessReport: { grounds: string; consentIds: string[] }[] }>(
      `query($id: ID!) { personAccessReport(personId: $id, field: "phone") { grounds consentIds } }`, { id })).data!.personAccessReport[0];
    expect(await groundsOf(wangId)).toEqual({ consentIds: [consent.data!.recordConsent.id], grounds: JSON.stringify({ rule: 'consent', consents: consent.data!.recordConsent.id }) });
    expect(await groundsOf(liId)).toEqual({ consentIds: [liConsent.data!.recordConsent.id], grounds: JSON.stringify({ rule: 'consent', consents: liConsent.data!.recordConsent.id }) });
    expect((await ngo.gql(`query($id: ID!) { personAccessReport(personId: $id) { action } }`, { id: wangId })).errors![0].extensions)
      .toMatchObject({ code: 'FORBIDDEN', reason: 'REPORT_NOT_ALLOWED' });

    const withdrawn = await caseworker.gql<{ withdrawConsent: { withdrawnAt: string | null } }>(`mutation($id: ID!) { withdrawConsent(id: $id) { withdrawnAt } }`, { id: consent.data!.recordConsent.id });
    expect(withdrawn.data!.withdrawConsent.withdrawnAt).not.toBeNull();
    expect((await seeWang(ngo)).errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('records in the audit trail who read which personal fields, on what grounds, and what was withheld', async () => {
    await app.auditLinked();
    const before: { n: string }[] = await app.db.query(`SELECT max(position) AS n FROM audit_events`);
    const other = await app.loginNewMember(ORGS.jianwai, Role.CASEWORKER);
    await seeWang(other);
    await seeWang(caseworker);
    await app.auditLinked();
    const events: { action: string; actor_user_id: string; fields: string[]; grounds: Record<string, string> }[] = await app.db.query(
      `SELECT action, actor_user_id, fields, grounds FROM audit_events WHERE position > $1 AND subject_type = 'Person' ORDER BY position`, [before[0].n ?? 0]);
    expect(events.find((e) => e.action === 'DENY' && e.actor_user_id === other.userId)!.fields).toEqual(
      expect.arrayContaining(['notes', 'disability', 'birthDate', 'address']));
    const reads = events.filter((e) => e.action === 'READ' && e.actor_user_id === caseworker.userId);
    expect(reads.flatMap((e) => e.fields)).toEqual(expect.arrayContaining(['idNumber', 'phone', 'notes', 'monthlyIncomeCents']));
    expect(reads.every((e) => e.grounds.rule === 'registered-by-me')).toBe(true);
    expect(events.some((e) => e.actor_user_id === other.userId && e.action === 'READ' && e.fields.includes('phone'))).toBe(false);
  });

  it('keeps a person registered in one organisation out of sight when the same user acts for another', async () => {
    const social = await app.login('social@zhulian.demo', undefined, ORGS.sanlitun);
    const registered = await social.gql<{ registerPerson: { id: string } }>(REGISTER, { input: { fullName: '李建国', regionCode: '110105', gender: 'MALE' } });
    const id = registered.data!.registerPerson.id;
    expect((await social.gql(PERSON, { id })).data).toMatchObject({ person: { fullName: '李建国' } });
    const res = await social.gql(PERSON, { id }, { organisationId: ORGS.familyNgo });
    expect(res.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  describe('search', () => {
    const SEARCH = `query($search: PeopleSearch) { people(search: $search) { edges { node { id fullName } } } peopleCount(search: $search) }`;
    const found = async (as: SignedIn, search: Record<string, string>) => {
      const res = await as.gql<{ people: { edges: { node: { id: string } }[] }; peopleCount: number }>(SEARCH, { search });
      if (res.errors) return res.errors[0].extensions;
      expect(res.data!.peopleCount).toBe(res.data!.people.edges.length);
      return res.data!.people.edges.map((e) => e.node.id);
    };

    it('finds a person by part of the name, the whole ID number (any case) or the mobile number', async () => {
      expect(await found(caseworker, { name: '秀兰' })).toContain(wangId);
      expect(await found(caseworker, { idNumber: '11010519491231002x' })).toEqual([wangId]);
      expect(await found(caseworker, { phone: '+86 139 1234 5678' })).toEqual([wangId]);
      expect(await found(caseworker, { name: '%' })).toEqual([]);
    });

    it('matches an ID number or phone only where the searcher may read it: no probing a colleague’s records', async () => {
      const other = await app.loginNewMember(ORGS.jianwai, Role.CASEWORKER);
      expect(await found(other, { name: '王秀兰' })).toEqual([wangId]);
      expect(await found(other, { idNumber: WANG.idNumber })).toEqual([]);
      expect(await found(other, { phone: WANG.phone })).toEqual([]);
    });

    it('refuses to search by a field the role can never read', async () => {
      const volunteer = await app.login('volunteer@zhulian.demo');
      expect(await found(volunteer, { idNumber: WANG.idNumber })).toMatchObject({ code: 'FORBIDDEN', reason: 'FILTER_NOT_ALLOWED' });
      const staff = await app.loginNewMember(ORGS.jianwai, Role.STAFF);
      expect(await found(staff, { phone: WANG.phone })).toEqual([]);
      expect(await found(staff, { name: '王秀兰' })).toEqual([wangId]);
    });

    it('refuses a malformed phone number', async () => {
      expect(await found(caseworker, { phone: '12345' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.phone' });
    });
  });

  describe('refuses bad input, naming the field, and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['a wrong check digit', { idNumber: '110105194912310021' }, 'input.idNumber', 'ID_NUMBER_CHECK_DIGIT'],
      ['an impossible date in the ID', { idNumber: '110105194902300027' }, 'input.idNumber', 'ID_NUMBER_BIRTH_DATE'],
      ['a birth date that differs from the ID', { idNumber: '440524198801010011', birthDate: '1988-01-02' }, 'input.birthDate', 'BIRTH_DATE_MISMATCH'],
      ['an impossible birth date', { birthDate: '2021-02-29' }, 'input.birthDate', 'INVALID_BIRTH_DATE'],
      ['a phone of the wrong shape', { phone: '1234567' }, 'input.phone', 'INVALID_PHONE'],
      ['an unknown region', { regionCode: '990000' }, 'input.regionCode', 'REGION_CODE_UNKNOWN'],
      ['a negative income', { monthlyIncomeCents: -1 }, 'input.monthlyIncomeCents', 'INVALID_INPUT'],
    ];
    it.each(cases)('%s', async (_name, change, field, reason) => {
      const before = await app.db.query(`SELECT count(*)::int AS n FROM people`);
      const res = await caseworker.gql(REGISTER, { input: { fullName: '测试', regionCode: '110105', ...change } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason });
      expect(await app.db.query(`SELECT count(*)::int AS n FROM people`)).toEqual(before);
    });

    it('registers once per idempotency key, even when the retry races the first request', async () => {
      const input = { fullName: '曹玉兰', regionCode: '110105', idempotencyKey: 'register-retry-0001' };
      const [a, b] = await Promise.all([caseworker.gql<{ registerPerson: { id: string } }>(REGISTER, { input }), caseworker.gql<{ registerPerson: { id: string } }>(REGISTER, { input })]);
      const c = await caseworker.gql<{ registerPerson: { id: string } }>(REGISTER, { input });
      expect(new Set([a, b, c].map((r) => r.data!.registerPerson.id)).size).toBe(1);
      expect(await app.db.query(`SELECT count(*)::int AS n FROM people WHERE full_name = '曹玉兰'`)).toEqual([{ n: 1 }]);
    });

    it('refuses a second record with the same ID number anywhere in the alliance', async () => {
      const other = await app.login('social@zhulian.demo', undefined, ORGS.sanlitun);
      const res = await other.gql(REGISTER, { input: { fullName: '王秀兰', regionCode: '110105', idNumber: '11010519491231002x' } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_ID_NUMBER', field: 'input.idNumber' });
    });

    it('refuses consents that mix sensitive categories, end before they start, or lack a guardian for a child', async () => {
      const child = await caseworker.gql<{ registerPerson: { id: string } }>(REGISTER, { input: { fullName: '王小明', regionCode: '110105', birthDate: '2018-06-01', gender: 'MALE' } });
      const base = { personId: wangId, recipientOrganisationId: ORGS.elderlyNgo, purpose: 'ASSESSMENT', givenBy: 'SELF', evidence: '知情同意书 T-1' };
      const bad: [Record<string, unknown>, string, string][] = [
        [{ categories: ['health', 'contact'] }, 'input.categories', 'SEPARATE_CONSENT_REQUIRED'],
        [{ categories: ['health', 'financial'] }, 'input.categories', 'SEPARATE_CONSENT_REQUIRED'],
        [{ categories: ['basic'], validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-11-01T00:00:00Z' }, 'input.validUntil', 'CONSENT_ENDS_BEFORE_IT_STARTS'],
        [{ categories: ['basic'], personId: child.data!.registerPerson.id }, 'input.givenBy', 'GUARDIAN_REQUIRED'],
        [{ categories: ['nonsense'] }, '', ''],
      ];
      for (const [change, field, reason] of bad) {
        const res = await caseworker.gql(CONSENT, { input: { ...base, ...change } });
        expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
        if (field) expect(res.errors![0].extensions).toMatchObject({ field, reason });
      }
      const health = await caseworker.gql(CONSENT, { input: { ...base, categories: ['health', 'basic'] } });
      expect(health.errors).toBeUndefined();
    });
  });
});
