import { Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { DirectoryModule } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

const PERSON = 'person { id fullName phone }';
const GET = `query($id: ID!) { referral(id: $id) { id status ${PERSON} } }`;
const INBOX = `{ referrals(first: 50) { edges { node { id ${PERSON} } } } }`;

type Seen = { id: string; fullName: string | null; phone: string | null } | null;

describe('a referral’s person after the person’s two records are merged', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let receiver: SignedIn;
  const ok = async <T>(reply: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> => {
    const { data, errors } = await reply;
    expect(errors).toBeUndefined();
    return data!;
  };
  const register = async (input: Record<string, unknown>) => (await makePerson(coordinator, input)).id;
  const referral = async (session: SignedIn, id: string) => (await ok(session.gql<{ referral: { id: string; status: string; person: Seen } }>(GET, { id }))).referral;
  const inboxPerson = async (id: string) =>
    (await ok(receiver.gql<{ referrals: { edges: { node: { id: string; person: Seen } }[] } }>(INBOX))).referrals.edges.find((e) => e.node.id === id)?.node.person;
  const person = (session: SignedIn, id: string) => session.gql<{ person: Seen }>(`query($id: ID!) { person(id: $id) { id fullName phone } }`, { id });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, DirectoryModule, ReferralsModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(JIANWAI, Role.COORDINATOR);
    receiver = await app.loginNewMember(ELDERLY_NGO, Role.STAFF);
  });
  afterAll(() => app.close());

  it('follows the person to the record that stays, for sender and receiver, with the consented reads as before', async () => {
    const survivor = await register({ fullName: '孙秀兰' });
    const duplicate = await register({ fullName: '孙秀兰', phone: '13722334455', birthDate: '1944-03-02' });
    await makeConsent(coordinator, { personId: duplicate, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], evidence: '知情同意书 M-1' });
    const caseId = (await makeCase(coordinator, duplicate, { priority: 'NORMAL' })).id;
    const service = await makeService(app.db, ELDERLY_NGO);
    const { id } = await makeReferral(coordinator, { caseId, serviceId: service.id });
    await ok(receiver.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id } }`, { input: { referralId: id, status: 'ACCEPTED' } }));

    const before = { fullName: '孙秀兰', phone: '13722334455' };
    expect((await referral(coordinator, id)).person).toEqual({ id: duplicate, ...before });
    expect((await referral(receiver, id)).person).toEqual({ id: duplicate, ...before });
    expect(await inboxPerson(id)).toEqual({ id: duplicate, ...before });
    expect((await person(receiver, duplicate)).data!.person).toEqual({ id: duplicate, ...before });
    // Before the merge the receiver has no grounds to read the record that will stay.
    expect((await person(receiver, survivor)).errors![0].extensions.code).toBe('NOT_FOUND');

    await ok(coordinator.gql(`mutation($input: MergePeopleInput!) { mergePeople(input: $input) { id } }`,
      { input: { survivorId: survivor, duplicateId: duplicate, reason: '同一人，重复登记' } }));

    // The survivor took the duplicate's phone and birth date; the referral now names the survivor, and the consent moved with it.
    expect((await referral(coordinator, id)).person).toEqual({ id: survivor, ...before });
    expect((await referral(receiver, id)).person).toEqual({ id: survivor, ...before });
    expect(await inboxPerson(id)).toEqual({ id: survivor, ...before });
    expect((await person(receiver, survivor)).data!.person).toEqual({ id: survivor, ...before });
    // The consent still opens the person to the receiver only while the referral is open.
    await ok(receiver.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id } }`,
      { input: { referralId: id, status: 'COMPLETED', outcome: 'SERVICE_PROVIDED' } }));
    expect((await person(receiver, survivor)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await referral(receiver, id)).person).toBeNull();
  });
});
