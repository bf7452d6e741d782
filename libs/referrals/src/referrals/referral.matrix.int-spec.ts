import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { newId, Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeOrganisation, makeUser, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';
import { Referral } from './referral.type';

/**
 * The access matrix for Referral, generated from its declarations: every viewer × every declared field
 * × every path (look-up, list and count, mutation result), before and after the receiver accepts. A new
 * field gets its expectation from its category and needs a fixture value.
 */
const SENDER = '0193a000-0000-7000-8000-000000000002';
const RECEIVER = '0193a000-0000-7000-8000-000000000004';

type Sees = FieldCategory[] | 'hidden';
type Viewer = { org: 'sender' | 'receiver' | 'other'; role: Role; before: Sees; after: Sees };
const ALL: FieldCategory[] = ['basic', 'identity', 'case_notes'];
const VIEWERS: Record<string, Viewer> = {
  'the sender’s coordinator': { org: 'sender', role: Role.COORDINATOR, before: ALL, after: ALL },
  'a caseworker of the sender': { org: 'sender', role: Role.CASEWORKER, before: ALL, after: ALL },
  'staff of the sender': { org: 'sender', role: Role.STAFF, before: ['basic'], after: ['basic'] },
  'a volunteer of the sender': { org: 'sender', role: Role.VOLUNTEER, before: 'hidden', after: 'hidden' },
  'an auditor of the sender': { org: 'sender', role: Role.AUDITOR, before: 'hidden', after: 'hidden' },
  'staff of the receiver': { org: 'receiver', role: Role.STAFF, before: ['basic'], after: ['basic', 'identity'] },
  'the receiver’s admin': { org: 'receiver', role: Role.ORG_ADMIN, before: ['basic'], after: ['basic', 'identity'] },
  'a volunteer of the receiver': { org: 'receiver', role: Role.VOLUNTEER, before: 'hidden', after: 'hidden' },
  'staff of another organisation': { org: 'other', role: Role.STAFF, before: 'hidden', after: 'hidden' },
};

const FIXTURE: Record<string, unknown> = {
  status: 'REQUESTED', needs: ['ELDERLY_CARE'], urgency: 'HIGH', regionCode: '110105', ageBand: '70-79', noteForReceiver: '需要每日送餐',
  sharedCategories: ['basic', 'contact'], overrideReason: null, reasonCode: null, reasonText: null, outcome: null, outcomeNote: null,
};
const RELATIONS = new Set(['person', 'timeline']);
const FIELDS = [...sensitiveFieldsOf(Referral)].filter(([f, d]) => d.category !== 'none' && !RELATIONS.has(f)).map(([field, d]) => ({ field, category: d.category }));
const SELECTION = `id version ${FIELDS.map((f) => f.field).join(' ')} person { id fullName } timeline { kind }`;

describe('the access matrix for Referral', () => {
  let app: TestApp;
  let referralId: string;
  let caseId: string;
  let personId: string;
  let receiverStaff: SignedIn;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    const other = await makeOrganisation(app.db);
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      const organisationId = { sender: SENDER, receiver: RECEIVER, other: other.id }[viewer.org];
      const user = await makeUser(app.db, { memberships: [{ organisationId, role: viewer.role }] });
      sessions.set(name, await app.login(user.email, user.password));
    }
    const coordinator = sessions.get('the sender’s coordinator')!;
    receiverStaff = sessions.get('staff of the receiver')!;
    const year = new Date().getFullYear() - 75;
    const person = await coordinator.gql<{ registerPerson: { id: string } }>(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`,
      { input: { fullName: '严玉珍', regionCode: '110105', birthDate: `${year}-01-01`, phone: '13633334444' } });
    personId = person.data!.registerPerson.id;
    const opened = await coordinator.gql<{ openCase: { id: string } }>(`mutation($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
      { input: { personId, needs: ['ELDERLY_CARE'] } });
    caseId = opened.data!.openCase.id;
    await coordinator.gql(`mutation($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      { input: { personId, recipientOrganisationId: RECEIVER, categories: ['basic', 'contact'], purpose: 'REFERRAL', givenBy: 'SELF' } });
    const serviceId = newId();
    await app.db.query(`INSERT INTO services (id, organisation_id, name) VALUES ($1, $2, '长者助餐')`, [serviceId, RECEIVER]);
    const sent = await coordinator.gql<{ createReferral: { referral: { id: string } } }>(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`,
      { input: { caseId, serviceId, urgency: 'HIGH', noteForReceiver: FIXTURE.noteForReceiver } });
    expect(sent.errors).toBeUndefined();
    referralId = sent.data!.createReferral.referral.id;
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field', () => {
    for (const { field } of FIELDS) expect([field, field in FIXTURE || field === 'caseId']).toEqual([field, true]);
  });

  const expectReferral = (sees: Sees, found: Record<string, unknown>, status: string) => {
    const fixture: Record<string, unknown> = { ...FIXTURE, status, caseId };
    for (const { field, category } of FIELDS) {
      const allowed = sees !== 'hidden' && sees.includes(category);
      expect([field, found[field]]).toEqual([field, allowed ? fixture[field] : null]);
    }
    const person = found.person as { id: string; fullName: string } | null;
    expect(person).toEqual(sees !== 'hidden' && sees.includes('identity') ? { id: personId, fullName: '严玉珍' } : null);
  };

  const look = async (viewer: string, status: string, sees: Sees) => {
    const session = sessions.get(viewer)!;
    const one = await session.gql<{ referral: Record<string, unknown> }>(`query($id: ID!) { referral(id: $id) { ${SELECTION} } }`, { id: referralId });
    const list = await session.gql<{ referrals: { edges: { node: Record<string, unknown> }[] }; referralsCount: number }>(
      `{ referrals(first: 50) { edges { node { ${SELECTION} } } } referralsCount }`);
    expect(list.data!.referralsCount).toBe(list.data!.referrals.edges.length);
    const node = list.data!.referrals.edges.map((e) => e.node).find((n) => n.id === referralId);
    if (sees === 'hidden') {
      expect(one.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(node).toBeUndefined();
      return;
    }
    expectReferral(sees, one.data!.referral, status);
    expectReferral(sees, node!, status);
  };

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    it('requested: exactly its fields, the person only where allowed — look-up and list alike', () => look(viewer, 'REQUESTED', VIEWERS[viewer].before));
  });

  describe('once the receiver accepted', () => {
    beforeAll(async () => {
      const accepted = await receiverStaff.gql<{ moveReferral: Record<string, unknown> }>(
        `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { ${SELECTION} } }`, { input: { referralId, status: 'ACCEPTED' } });
      expect(accepted.errors).toBeUndefined();
      // The mutation's answer passes the same checks.
      expectReferral(VIEWERS['staff of the receiver'].after, accepted.data!.moveReferral, 'ACCEPTED');
    });

    describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
      it('accepted: the receiver now sees who it is; nobody else gains anything', () => look(viewer, 'ACCEPTED', VIEWERS[viewer].after));
    });
  });
});
