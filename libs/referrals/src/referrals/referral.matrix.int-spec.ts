import { FieldCategory, sensitiveFieldsOf } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo, SessionChecks } from '@zhulian/identity';
import { RecipientReads } from '@zhulian/realtime';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makeOrganisation, makePerson, makeReferral, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';
import { Referral } from './referral.type';

/**
 * The access matrix for Referral, generated from its declarations: every viewer × every declared field
 * × every path (look-up, list and count, mutation result, the realtime event's payload), while requested, once accepted (and put on
 * hold, with a reason) and once completed (with an outcome). A new field gets its expectation from its
 * category and needs a fixture value; every fixture value is non-null, so a withheld field shows.
 */
const SENDER = '0193a000-0000-7000-8000-000000000002';
const RECEIVER = '0193a000-0000-7000-8000-000000000004';

type Sees = FieldCategory[] | 'hidden';
type Phase = 'requested' | 'held' | 'completed';
type Viewer = { org: 'sender' | 'receiver' | 'other'; role: Role; assigned?: boolean; sees: Record<Phase, Sees> };
const ALL: FieldCategory[] = ['basic', 'identity', 'case_notes'];
const always = (sees: Sees): Record<Phase, Sees> => ({ requested: sees, held: sees, completed: sees });
const VIEWERS: Record<string, Viewer> = {
  'the sender’s coordinator': { org: 'sender', role: Role.COORDINATOR, sees: always(ALL) },
  'a caseworker of the sender assigned to the case': { org: 'sender', role: Role.CASEWORKER, assigned: true, sees: always(ALL) },
  'a caseworker of the sender not on the case': { org: 'sender', role: Role.CASEWORKER, sees: always(['basic']) },
  'staff of the sender': { org: 'sender', role: Role.STAFF, sees: always(['basic']) },
  'a volunteer of the sender': { org: 'sender', role: Role.VOLUNTEER, sees: always('hidden') },
  'an auditor of the sender': { org: 'sender', role: Role.AUDITOR, sees: always('hidden') },
  'staff of the receiver': { org: 'receiver', role: Role.STAFF, sees: { requested: ['basic'], held: ['basic', 'identity'], completed: ['basic'] } },
  'the receiver’s admin': { org: 'receiver', role: Role.ORG_ADMIN, sees: { requested: ['basic'], held: ['basic', 'identity'], completed: ['basic'] } },
  'a volunteer of the receiver': { org: 'receiver', role: Role.VOLUNTEER, sees: always('hidden') },
  'staff of another organisation': { org: 'other', role: Role.STAFF, sees: always('hidden') },
};

const SENT: Record<string, unknown> = {
  needs: ['ELDERLY_CARE'], urgency: 'HIGH', regionCode: '110105', ageBand: '70-79', noteForReceiver: '需要每日送餐', sharedCategories: ['basic', 'contact'],
  overrideReason: '独居老人断餐三天，紧急送餐，家属已口头同意',
};
const FIXTURE: Record<Phase, Record<string, unknown>> = {
  requested: { ...SENT, status: 'REQUESTED', reasonCode: null, reasonText: null, outcome: null, outcomeNote: null },
  held: { ...SENT, status: 'ON_HOLD', reasonCode: 'WAITING_FOR_DOCUMENTS', reasonText: '等待低保证明复印件', outcome: null, outcomeNote: null },
  completed: { ...SENT, status: 'COMPLETED', reasonCode: 'WAITING_FOR_DOCUMENTS', reasonText: '等待低保证明复印件', outcome: 'SERVICE_PROVIDED', outcomeNote: '已连续送餐两周' },
};
const RELATIONS = new Set(['person', 'timeline']);
const FIELDS = [...sensitiveFieldsOf(Referral)].filter(([f, d]) => d.category !== 'none' && !RELATIONS.has(f)).map(([field, d]) => ({ field, category: d.category }));
const SELECTION = `id version ${FIELDS.map((f) => f.field).join(' ')} person { id fullName } timeline { kind toStatus }`;
const MOVE = `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { ${SELECTION} } }`;

describe('the access matrix for Referral', () => {
  let app: TestApp;
  let referralId: string;
  let caseId: string;
  let personId: string;
  let receiverStaff: SignedIn;
  const sessions = new Map<string, SignedIn>();
  const organisations = new Map<string, string>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    const other = await makeOrganisation(app.db);
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      const organisationId = { sender: SENDER, receiver: RECEIVER, other: other.id }[viewer.org];
      organisations.set(name, organisationId);
      sessions.set(name, await app.loginNewMember(organisationId, viewer.role));
    }
    const coordinator = sessions.get('the sender’s coordinator')!;
    receiverStaff = sessions.get('staff of the receiver')!;
    const year = new Date().getFullYear() - 75;
    personId = (await makePerson(coordinator, { fullName: '严玉珍', birthDate: `${year}-01-01`, phone: '13633334444' })).id;
    caseId = (await makeCase(coordinator, personId)).id;
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      if (!viewer.assigned) continue;
      const assigned = await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`,
        { input: { caseId, userId: sessions.get(name)!.userId } });
      expect(assigned.errors).toBeUndefined();
    }
    // Consent covers basic data only: the contact data goes on the coordinator's written override.
    await makeConsent(coordinator, { personId, recipientOrganisationId: RECEIVER, evidence: '转介知情同意书 M-001' });
    const { id: serviceId } = await makeService(app.db, RECEIVER, { name: '长者助餐', categories: [] });
    referralId = (await makeReferral(coordinator, { caseId, serviceId, urgency: 'HIGH', noteForReceiver: SENT.noteForReceiver, sharedCategories: ['contact'],
      overrideReason: SENT.overrideReason })).id;
  });
  afterAll(() => app.close());

  it('has a non-null fixture value for every declared field', () => {
    for (const { field } of FIELDS) expect([field, FIXTURE.completed[field] !== undefined && FIXTURE.completed[field] !== null || field === 'caseId']).toEqual([field, true]);
  });

  /** What a viewer should find, and the fields the response must name as withheld (`extensions.access.denied`). */
  const expectReferral = (sees: Sees, phase: Phase, found: Record<string, unknown>) => {
    const fixture: Record<string, unknown> = { ...FIXTURE[phase], caseId };
    const withheld: string[] = [];
    for (const { field, category } of FIELDS) {
      const allowed = sees !== 'hidden' && sees.includes(category);
      expect([field, found[field]]).toEqual([field, allowed ? fixture[field] : null]);
      if (!allowed) withheld.push(field);
    }
    const person = found.person as { id: string; fullName: string } | null;
    const seesPerson = sees !== 'hidden' && sees.includes('identity');
    expect(person).toEqual(seesPerson ? { id: personId, fullName: '严玉珍' } : null);
    if (!seesPerson) withheld.push('person');
    // The timeline is the referral's basics: its moves, in order.
    expect((found.timeline as { toStatus: string | null }[]).map((e) => e.toStatus).filter(Boolean).at(-1)).toBe(fixture.status);
    return withheld.sort();
  };

  const deniedAt = (extensions: Record<string, unknown> | undefined, prefix: string) =>
    ((extensions?.access as { denied: { path: string }[] } | undefined)?.denied ?? [])
      .filter((d) => d.path.startsWith(prefix) && d.path.split('.').length === prefix.split('.').length + 1)
      .map((d) => d.path.slice(prefix.length + 1)).sort();

  const look = async (viewer: string, phase: Phase) => {
    const sees = VIEWERS[viewer].sees[phase];
    const session = sessions.get(viewer)!;
    const one = await session.gql<{ referral: Record<string, unknown> }>(`query($id: ID!) { referral(id: $id) { ${SELECTION} } }`, { id: referralId });
    const list = await session.gql<{ referrals: { edges: { node: Record<string, unknown> }[] }; referralsCount: number }>(
      `{ referrals(first: 50) { edges { node { ${SELECTION} } } } referralsCount }`);
    expect(list.data!.referralsCount).toBe(list.data!.referrals.edges.length);
    const index = list.data!.referrals.edges.findIndex((e) => e.node.id === referralId);
    if (sees === 'hidden') {
      expect(one.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(index).toBe(-1);
      return;
    }
    expect(deniedAt(one.extensions, 'referral')).toEqual(expectReferral(sees, phase, one.data!.referral));
    expect(deniedAt(list.extensions, `referrals.edges.${index}.node`)).toEqual(expectReferral(sees, phase, list.data!.referrals.edges[index].node));
    await viaEvent(viewer, phase);
  };

  /**
   * The payload a realtime event about the referral carries to this viewer (were they in its audience): read as
   * the gateway reads it for them, it holds no field the viewer may not read, and those it holds are the fixture's.
   */
  const viaEvent = async (viewer: string, phase: Phase) => {
    const sees = VIEWERS[viewer].sees[phase];
    const { actor } = await app.app.get(SessionChecks, { strict: false }).admit(sessions.get(viewer)!.accessToken, organisations.get(viewer));
    const view = await app.app.get(RecipientReads, { strict: false }).read(actor, { subjectType: 'Referral', subjectId: referralId, seq: 0 });
    if (sees === 'hidden') {
      expect(view).toEqual({ data: null, denied: [] });
      return;
    }
    const fixture: Record<string, unknown> = { ...FIXTURE[phase], caseId };
    const payload = view.data!;
    expect(payload.id).toBe(referralId);
    for (const { field, category } of FIELDS) {
      if (!(field in payload)) continue;
      expect([field, payload[field]]).toEqual([field, sees.includes(category) ? fixture[field] : null]);
    }
    expect(payload.person).toEqual(sees.includes('identity') ? { id: personId, fullName: '严玉珍' } : null);
    expect(view.denied.map((d) => d.path.replace(/^referral\./, '')).sort())
      .toEqual(FIELDS.filter((f) => f.field in payload && !sees.includes(f.category)).map((f) => f.field).concat(sees.includes('identity') ? [] : ['person']).sort());
  };

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    it('requested: exactly its fields, the person only where allowed — look-up and list alike', () => look(viewer, 'requested'));
  });

  describe('once the receiver accepted, and put it on hold with a reason', () => {
    beforeAll(async () => {
      const accepted = await receiverStaff.gql<{ moveReferral: Record<string, unknown> }>(MOVE, { input: { referralId, status: 'ACCEPTED' } });
      expect(accepted.errors).toBeUndefined();
      const held = await receiverStaff.gql<{ moveReferral: Record<string, unknown> }>(MOVE, {
        input: { referralId, status: 'ON_HOLD', reasonCode: FIXTURE.held.reasonCode, reasonText: FIXTURE.held.reasonText } });
      expect(held.errors).toBeUndefined();
      // The mutation's answer passes the same checks.
      expect(deniedAt(held.extensions, 'moveReferral')).toEqual(expectReferral(VIEWERS['staff of the receiver'].sees.held, 'held', held.data!.moveReferral));
    });

    describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
      it('held: the receiver now sees who it is; nobody else gains anything', () => look(viewer, 'held'));
    });
  });

  describe('once the receiver completed it with an outcome', () => {
    beforeAll(async () => {
      await receiverStaff.gql(MOVE, { input: { referralId, status: 'IN_PROGRESS' } });
      const done = await receiverStaff.gql<{ moveReferral: Record<string, unknown> }>(MOVE, {
        input: { referralId, status: 'COMPLETED', outcome: FIXTURE.completed.outcome, outcomeNote: FIXTURE.completed.outcomeNote } });
      expect(done.errors).toBeUndefined();
    });

    describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
      it('completed: the receiver no longer sees the person (no grace period set); the outcome reaches the sender', () => look(viewer, 'completed'));
    });
  });
});
