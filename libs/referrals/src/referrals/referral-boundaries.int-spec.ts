import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id status version } } }`;
const MOVE = `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id status reasonText } }`;
const PERSON_OF = `query($id: ID!) { referral(id: $id) { person { fullName phone address } } }`;

/** Where a referral crosses from one organisation to another, it carries exactly what was chosen, and no more. */
describe('the boundary a referral crosses', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let ngo: SignedIn;
  let personId: string;
  let caseId: string;
  let serviceId: string;

  const send = (session: SignedIn, input: Record<string, unknown> = {}) =>
    session.gql<{ createReferral: { referral: { id: string; status: string; version: number } } }>(CREATE, { input: { caseId, serviceId, ...input } });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    ngo = await app.login('ngo@zhulian.demo');
    personId = (await makePerson(coordinator, { fullName: '李秀兰', phone: '13812345678', address: '建外街道光华里 5 号', birthDate: '1944-04-04' })).id;
    caseId = (await makeCase(coordinator, personId)).id;
    serviceId = (await makeService(app.db, ELDERLY_NGO, { name: '上门探访', categories: ['ELDERLY_CARE'] })).id;
    // The person consented to share basic and contact data with the NGO for a referral.
    await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], evidence: '转介同意书 B-1' });
  });
  afterAll(() => app.close());

  it('opens to the receiver only the categories the referral shares, within the consent, and audits what it disclosed', async () => {
    const sent = await send(coordinator, { sharedCategories: ['basic'] });
    expect(sent.errors).toBeUndefined();
    const { id } = sent.data!.createReferral.referral;
    expect((await ngo.gql(MOVE, { input: { referralId: id, status: 'ACCEPTED' } })).errors).toBeUndefined();
    const seen = await ngo.gql<{ referral: { person: Record<string, unknown> } }>(PERSON_OF, { id });
    // The consent covers contact data too, but this referral shares only the basics: no phone, no address.
    expect(seen.data!.referral.person).toEqual({ fullName: '李秀兰', phone: null, address: null });
    const [disclosure] = await app.db.query(`SELECT fields FROM audit_events WHERE action = 'EXPORT' AND details->>'referral' = $1`, [id]);
    expect(disclosure.fields).not.toContain('phone');
    // A second referral that shares contact data opens it, for as long as that referral is open.
    const withContact = (await send(coordinator, { sharedCategories: ['contact'] })).data!.createReferral.referral;
    await ngo.gql(MOVE, { input: { referralId: withContact.id, status: 'ACCEPTED' } });
    expect((await ngo.gql<{ referral: { person: Record<string, unknown> } }>(PERSON_OF, { id })).data!.referral.person).toMatchObject({ phone: '13812345678' });
    await ngo.gql(MOVE, { input: { referralId: withContact.id, status: 'COMPLETED', outcome: 'SERVICE_PROVIDED' } });
    expect((await ngo.gql<{ referral: { person: Record<string, unknown> } }>(PERSON_OF, { id })).data!.referral.person).toMatchObject({ phone: null });
    await ngo.gql(MOVE, { input: { referralId: id, status: 'COMPLETED', outcome: 'SERVICE_PROVIDED' } });
    expect((await ngo.gql<{ referral: { person: unknown } }>(PERSON_OF, { id })).data!.referral.person).toBeNull();
  });

  it.each([
    ['a note carrying the name, phone and ID number', { noteForReceiver: '老人李秀兰，电话138 1234 5678，身份证110101195107190008' }, 'input.noteForReceiver', 'ID_NUMBER,NAME,PHONE'],
    ['a note carrying the given name alone', { noteForReceiver: '秀兰阿姨行动不便' }, 'input.noteForReceiver', 'NAME'],
    ['an override reason carrying a phone number', { sharedCategories: ['health'], overrideReason: '家属电话13912345678已同意' }, 'input.overrideReason', 'PHONE'],
  ])('refuses %s, names what to remove, and sends nothing', async (_name, input, field, found) => {
    const before = await app.db.query(`SELECT count(*)::int AS n FROM referrals`);
    const res = await send(coordinator, input);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERSONAL_DATA_IN_TEXT', field, found });
    expect(await app.db.query(`SELECT count(*)::int AS n FROM referrals`)).toEqual(before);
  });

  it('refuses a decline reason or an outcome note that carries personal data, and leaves the referral as it was', async () => {
    const { id } = (await send(coordinator)).data!.createReferral.referral;
    const declined = await ngo.gql(MOVE, { input: { referralId: id, status: 'REJECTED', reasonCode: 'OTHER', reasonText: '请联系 13812345678 另行安排' } });
    expect(declined.errors![0].extensions).toMatchObject({ reason: 'PERSONAL_DATA_IN_TEXT', field: 'input.reasonText', found: 'PHONE' });
    expect((await ngo.gql<{ referral: { status: string } }>(`query($id: ID!) { referral(id: $id) { status } }`, { id })).data!.referral.status).toBe('REQUESTED');
    // Before accepting, the receiver may not read the name: a guess at it in a reason is not judged, so not confirmed.
    expect((await ngo.gql(MOVE, { input: { referralId: id, status: 'REJECTED', reasonCode: 'OTHER', reasonText: '李秀兰不在服务范围' } })).errors).toBeUndefined();
    const second = (await send(coordinator)).data!.createReferral.referral;
    await ngo.gql(MOVE, { input: { referralId: second.id, status: 'ACCEPTED' } });
    const completed = await ngo.gql(MOVE, { input: { referralId: second.id, status: 'COMPLETED', outcome: 'SERVICE_PROVIDED', outcomeNote: '已为李秀兰送餐两周' } });
    expect(completed.errors![0].extensions).toMatchObject({ reason: 'PERSONAL_DATA_IN_TEXT', field: 'input.outcomeNote', found: 'NAME' });
  });

  it('lets a caseworker of the sender act only on the referrals of cases they work', async () => {
    const { id } = (await send(coordinator)).data!.createReferral.referral;
    const bystander = await app.loginNewMember(JIANWAI, Role.CASEWORKER);
    const cancel = { referralId: id, status: 'CANCELLED', reasonCode: 'NEEDS_CHANGED', reasonText: '需求已变化' };
    expect((await bystander.gql(MOVE, { input: cancel })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'WRONG_PARTY' });
    // They see the basics of their office's referrals, like the basics of its cases; not the case behind it.
    expect((await bystander.gql<{ referral: { status: string; caseId: string | null } }>(`query($id: ID!) { referral(id: $id) { status caseId } }`, { id }))
      .data!.referral).toEqual({ status: 'REQUESTED', caseId: null });
    expect((await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`, { input: { caseId, userId: bystander.userId } })).errors)
      .toBeUndefined();
    expect((await bystander.gql<{ moveReferral: { status: string } }>(MOVE, { input: cancel })).data!.moveReferral.status).toBe('CANCELLED');
  });
});
