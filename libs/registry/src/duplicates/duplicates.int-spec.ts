import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeConsent, makePerson, SignedIn, TestApp } from '@zhulian/testing';
import { RegistryModule } from '../registry.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const SANLITUN = '0193a000-0000-7000-8000-000000000003';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const CHECK = `query($input: DuplicateCheckInput!) {
  duplicateCandidates(input: $input) { idNumberTaken candidates { person { id fullName birthDate phone } score reasons } }
}`;
type Check = { idNumberTaken: boolean; candidates: { person: { id: string; fullName: string | null; birthDate: string | null; phone: string | null }; score: number; reasons: string[] }[] };

const ZHOU = { fullName: '周玉珍', idNumber: '110105194405120029', phone: '13566667777', regionCode: '110105' };

describe('duplicate candidates before registering', () => {
  let app: TestApp;
  let registrar: SignedIn;
  let zhouId: string;
  const check = (session: SignedIn, input: Record<string, unknown>) => session.gql<{ duplicateCandidates: Check }>(CHECK, { input });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule], seed: seedIdentityDemo });
    registrar = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    zhouId = (await makePerson(registrar, ZHOU)).id;
  });
  afterAll(() => app.close());

  it('finds the record by the same name and date of birth, with a score and the reasons', async () => {
    const res = await check(registrar, { fullName: '周玉珍', birthDate: '1944-05-12' });
    expect(res.data!.duplicateCandidates.idNumberTaken).toBe(false);
    const [candidate] = res.data!.duplicateCandidates.candidates;
    expect(candidate.person).toEqual({ id: zhouId, fullName: '周玉珍', birthDate: '1944-05-12', phone: '13566667777' });
    expect(candidate.reasons).toEqual(['NAME_AND_BIRTH_DATE', 'SIMILAR_NAME']);
    expect(candidate.score).toBeGreaterThanOrEqual(0.9);
  });

  it('scores a similar name with the same phone, and ranks the exact ID number first and certain', async () => {
    const byPhone = await check(registrar, { fullName: '周玉贞', phone: '135 6666 7777' });
    expect(byPhone.data!.duplicateCandidates.candidates[0]).toMatchObject({ person: { id: zhouId }, reasons: ['SAME_PHONE'] });
    const byId = await check(registrar, { fullName: '周某', idNumber: ZHOU.idNumber });
    expect(byId.data!.duplicateCandidates).toMatchObject({ idNumberTaken: true, candidates: [{ person: { id: zhouId }, score: 1, reasons: ['SAME_ID_NUMBER'] }] });
  });

  it('matches a colleague’s client only on what a caseworker may read there: name and year, not date of birth or phone', async () => {
    const colleague = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const res = await check(colleague, { fullName: '周玉珍', birthDate: '1944-05-12', phone: '13566667777', idNumber: ZHOU.idNumber });
    const data = res.data!.duplicateCandidates;
    expect(data.idNumberTaken).toBe(true);
    expect(data.candidates).toEqual([{ person: { id: zhouId, fullName: '周玉珍', birthDate: null, phone: '135****7777' }, score: expect.any(Number), reasons: ['NAME_AND_BIRTH_YEAR', 'SIMILAR_NAME'] }]);
    // A guess at the phone alone finds nothing: no side channel to its value.
    const guess = await check(colleague, { fullName: '无关', phone: '13566667777' });
    expect(guess.data!.duplicateCandidates.candidates).toEqual([]);
  });

  it('shows another organisation no candidate it may not see, only that the ID number is taken', async () => {
    const other = await app.loginNewMember(SANLITUN, Role.COORDINATOR);
    const res = await check(other, { fullName: '周玉珍', birthDate: '1944-05-12', idNumber: ZHOU.idNumber });
    expect(res.data!.duplicateCandidates).toEqual({ idNumberTaken: true, candidates: [] });
  });

  it('checks an ID number before any name is typed, and needs something to check', async () => {
    const res = await check(registrar, { idNumber: ZHOU.idNumber });
    expect(res.data!.duplicateCandidates).toMatchObject({ idNumberTaken: true, candidates: [{ person: { id: zhouId }, reasons: ['SAME_ID_NUMBER'] }] });
    expect((await check(registrar, {})).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_CHECK' });
  });

  it('is for those who register people', async () => {
    const staff = await app.loginNewMember(ELDERLY_NGO, Role.STAFF);
    const res = await check(staff, { fullName: '周玉珍' });
    expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('gives a record whose name the caller may not read no weight for its name: the score says nothing of how alike the names are', async () => {
    // The NGO may read Zhou's phone (a consent to contact data alone), not her name.
    await makeConsent(registrar, { personId: zhouId, recipientOrganisationId: ELDERLY_NGO, categories: ['contact'], purpose: 'SERVICE_DELIVERY', evidence: '服务同意书 Z-1' });
    const ngo = await app.loginNewMember(ELDERLY_NGO, Role.COORDINATOR);
    const scores = [];
    for (const fullName of ['周玉珍', '周玉', '李四']) {
      const res = await check(ngo, { fullName, phone: ZHOU.phone });
      expect(res.errors).toBeUndefined();
      scores.push(res.data!.duplicateCandidates.candidates.map((c) => [c.person.id, c.score, c.reasons]));
    }
    expect(scores[0]).toEqual([[zhouId, 0.4, ['SAME_PHONE']]]);
    expect(scores[1]).toEqual(scores[0]);
    expect(scores[2]).toEqual(scores[0]);
  });
});
