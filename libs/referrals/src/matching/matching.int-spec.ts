import { CasesModule } from '@zhulian/cases';
import { newId, Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makeHousehold, makeReferralsTo, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';
const CHARITY = '0193a000-0000-7000-8000-000000000006';

const MATCH = `query($caseId: ID!) { matchServices(caseId: $caseId) { serviceName organisationName score placesAvailable reasons { code status values } } }`;
type Match = { serviceName: string; score: number; placesAvailable: number | null; reasons: { code: string; status: string; values: string[] }[] };

describe('matching services to a case', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let caseId: string;
  const service = (organisationId: string, name: string, criteria: Record<string, unknown>) =>
    app.db.query(`INSERT INTO services (id, organisation_id, name, categories, minimum_age, maximum_age, eligible_region_codes, max_income_per_person_cents,
        service_area_codes, required_documents, capacity_available, capacity_maximum, capacity_unit, capacity_updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, CASE WHEN $11::int IS NULL THEN NULL ELSE now() END)`,
    [newId(), organisationId, name, criteria.categories ?? ['ELDERLY_CARE'], criteria.minAge ?? null, criteria.maxAge ?? null, criteria.regions ?? [],
      criteria.maxIncome ?? null, criteria.areas ?? [], criteria.documents ?? [], criteria.places ?? null, criteria.unit ?? null]);
  const match = async (session: SignedIn) => {
    const res = await session.gql<{ matchServices: Match[] }>(MATCH, { caseId });
    expect(res.errors).toBeUndefined();
    return res.data!.matchServices;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    const household = await makeHousehold(coordinator, { head: { fullName: '孟庆华', birthDate: '1953-03-03' }, monthlyIncomeCents: 120000 });
    caseId = (await makeCase(coordinator, household.headId)).id;
    await service(ELDERLY_NGO, '长者助餐', { minAge: 60, areas: ['110105'], places: 3, unit: '份/日', documents: ['身份证'] });
    await service(ELDERLY_NGO, '日间照料', { minAge: 60, areas: ['110100'], places: 0, unit: '床位' });
    await service(FAMILY_NGO, '青少年辅导', { maxAge: 18, areas: ['110105'] });
    await service(CHARITY, '困难老人补贴', { minAge: 60, maxIncome: 150000, regions: ['110105'] });
    await service(CHARITY, '高收入者不适用', { maxIncome: 50000 });
    await service(CHARITY, '助学金', { categories: ['EDUCATION'] });
  });
  afterAll(() => app.close());

  it('ranks the eligible services with their reasons, and leaves out the ineligible and the unrelated', async () => {
    const matches = await match(coordinator);
    expect(matches.map((m) => m.serviceName)).toEqual(['长者助餐', '困难老人补贴', '日间照料']);
    const [meals, allowance, dayCare] = matches;
    const age = new Date().getFullYear() - 1953 - (new Date() < new Date(new Date().getFullYear(), 2, 3) ? 1 : 0);
    expect(meals.reasons).toEqual(expect.arrayContaining([
      { code: 'NEED', status: 'MET', values: ['ELDERLY_CARE'] },
      { code: 'AGE_AT_LEAST', status: 'MET', values: [String(age), '60'] },
      { code: 'PLACES', status: 'INFO', values: ['3', '份/日'] },
      { code: 'SERVES_AREA', status: 'MET', values: ['110105'] },
      { code: 'DOCUMENTS_REQUIRED', status: 'INFO', values: ['身份证'] },
    ]));
    // 1,200 yuan a month for a household of one is below 1,500.
    expect(allowance.reasons).toEqual(expect.arrayContaining([{ code: 'INCOME_PER_PERSON_BELOW', status: 'MET', values: ['1200', '1500'] }]));
    expect(dayCare).toMatchObject({ placesAvailable: 0, reasons: expect.arrayContaining([{ code: 'PLACES', status: 'INFO', values: ['0', '床位'] }]) });
    expect(meals.score).toBeGreaterThan(dayCare.score);
  });

  it('says "needs checking" where the caller may not read the facts, and never quotes them', async () => {
    const colleague = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    // The colleague is not assigned: they see the case's basics, the person's name and year of birth, not the income.
    const matches = await match(colleague);
    const allowance = matches.find((m) => m.serviceName === '困难老人补贴')!;
    expect(allowance.reasons).toEqual(expect.arrayContaining([{ code: 'INCOME_PER_PERSON_BELOW', status: 'NEEDS_CHECKING', values: ['1500'] }]));
    const meals = matches.find((m) => m.serviceName === '长者助餐')!;
    expect(meals.reasons.find((r) => r.code === 'AGE_AT_LEAST')).toEqual({ code: 'AGE_AT_LEAST', status: 'MET', values: [expect.stringMatching(/^\d+–\d+$/), '60'] });
    expect(matches.find((m) => m.serviceName === '高收入者不适用')).toMatchObject({ reasons: expect.arrayContaining([expect.objectContaining({ status: 'NEEDS_CHECKING' })]) });
  });

  it('divides a household’s income only among the members the caller may see: hidden members are not counted, so not revealed', async () => {
    const { headId } = await makeHousehold(coordinator, { head: { fullName: '高德明', birthDate: '1950-06-06' }, monthlyIncomeCents: 300000,
      members: [{ fullName: '林淑芬', birthDate: '1952-02-02', relationToHead: 'SPOUSE' }] });
    const opened = await makeCase(coordinator, headId);
    // The elderly-care NGO's caseworker works the head's case with his consent (basic, and financial on its own); the spouse gave none.
    for (const categories of [['basic'], ['financial']]) {
      await makeConsent(coordinator, { personId: headId, recipientOrganisationId: ELDERLY_NGO, categories, purpose: 'CASE_MANAGEMENT', evidence: '个案管理同意书 C-7' });
    }
    const worker = await makeUser(app.db, { memberships: [{ organisationId: ELDERLY_NGO, role: Role.CASEWORKER }] });
    expect((await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`,
      { input: { caseId: opened.id, userId: worker.id } })).errors).toBeUndefined();
    await service(CHARITY, '家庭补贴', { maxIncome: 400000 });
    const session = await app.login(worker.email, worker.password);
    const res = await session.gql<{ matchServices: Match[] }>(MATCH, { caseId: opened.id });
    expect(res.errors).toBeUndefined();
    const grant = res.data!.matchServices.find((m) => m.serviceName === '家庭补贴')!;
    // 3,000 yuan for the one member the NGO sees; 1,500 would have told it a second member exists.
    expect(grant.reasons).toEqual(expect.arrayContaining([{ code: 'INCOME_PER_PERSON_BELOW', status: 'MET', values: ['3000', '4000'] }]));
  });
  it('ranks by each service\'s record of answers, and an answer made here counts at once', async () => {
    await service(ELDERLY_NGO, '上门探访', { minAge: 60, areas: ['110105'] });
    const [{ id: serviceId }] = await app.db.query(`SELECT id FROM services WHERE name = '上门探访'`);
    const [{ id: sentBy }] = await app.db.query(`SELECT id FROM users WHERE email = 'jianwai@zhulian.demo'`);
    await makeReferralsTo(app.db, { serviceId, receiverOrganisationId: ELDERLY_NGO, senderOrganisationId: JIANWAI, sentBy, regionCode: '110105', count: 2 });
    const record = async () => (await match(coordinator)).find((m) => m.serviceName === '上门探访')!.reasons.filter((r) => ['ACCEPTANCE_RATE', 'RESPONSE_TIME'].includes(r.code));
    expect(await record()).toEqual([]);
    const ngo = await app.login('ngo@zhulian.demo');
    const [{ id: referralId }] = await app.db.query(`SELECT id FROM referrals WHERE service_id = $1 ORDER BY id LIMIT 1`, [serviceId]);
    const accepted = await ngo.gql(`mutation($i: MoveReferralInput!) { moveReferral(input: $i) { status } }`, { i: { referralId, status: 'ACCEPTED' } });
    expect(accepted.errors).toBeUndefined();
    expect(await record()).toEqual([{ code: 'ACCEPTANCE_RATE', status: 'INFO', values: ['100'] }, { code: 'RESPONSE_TIME', status: 'INFO', values: ['24'] }]);
  });
});
