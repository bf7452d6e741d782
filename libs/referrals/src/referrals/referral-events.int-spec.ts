import { CasesModule } from '@zhulian/cases';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RealtimeModule } from '@zhulian/realtime';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeService, makeUser, SignedIn, TestApp, TestSocket } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id } } }`;
const MOVE = `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id status } }`;
/** The fields the referral events carry (REFERRAL_EVENT_SUBJECT), read through the API by the same viewer. */
const READ = `query($id: ID!) { referral(id: $id) {
  id status version urgency needs caseId serviceId serviceName senderOrganisationId senderOrganisationName receiverOrganisationId
  receiverOrganisationName receiverUserId receiverUserName requestedAt respondedAt escalatedAt endedAt reasonCode outcome createdAt
  person { id fullName }
} }`;

/** A referral's moves reach the people they concern at once, each seeing the referral exactly as a read through the API shows it to them. */
describe('referral events', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let ngo: SignedIn;
  let caseId: string;
  let serviceId: string;
  const sockets: TestSocket[] = [];
  const open = async (session: SignedIn, organisationId: string, lastEventId?: number) => {
    const socket = await TestSocket.open(app.url, { token: session.accessToken, organisationId, lastEventId });
    sockets.push(socket);
    return socket;
  };
  const readAs = async (session: SignedIn, id: string) => (await session.gql<{ referral: Record<string, unknown> }>(READ, { id })).data!.referral;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule, RealtimeModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    ngo = await app.login('ngo@zhulian.demo');
    const { id: personId } = await makePerson(coordinator, { fullName: '王桂英', phone: '13812345678', birthDate: '1941-02-03' });
    caseId = (await makeCase(coordinator, personId)).id;
    serviceId = (await makeService(app.db, ELDERLY_NGO, { name: '助餐服务', categories: ['ELDERLY_CARE'] })).id;
    await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], evidence: '同意书 R-1' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => app.close());

  it('tells the receiving organisation of a new referral, and the sender of the answer, each with the referral as they may read it', async () => {
    const inbox = await open(ngo, ELDERLY_NGO);
    const sender = await open(coordinator, JIANWAI);
    const volunteer = await makeUser(app.db, { memberships: [{ organisationId: ELDERLY_NGO, role: Role.VOLUNTEER }] });
    const volunteerSocket = await open(await app.signedInAs(volunteer.id, ELDERLY_NGO), ELDERLY_NGO);

    const sent = await coordinator.gql<{ createReferral: { referral: { id: string } } }>(CREATE, { input: { caseId, serviceId, urgency: 'URGENT' } });
    expect(sent.errors).toBeUndefined();
    const id = sent.data!.createReferral.referral.id;
    const received = await inbox.next((e) => e.kind === 'REFERRAL_RECEIVED' && e.subjectId === id);
    expect(received.data).toEqual(await readAs(ngo, id));
    expect(received.data).toMatchObject({ status: 'REQUESTED', urgency: 'URGENT', senderOrganisationName: expect.any(String) });

    expect((await ngo.gql(MOVE, { input: { referralId: id, status: 'ACCEPTED' } })).errors).toBeUndefined();
    const accepted = await sender.next((e) => e.kind === 'REFERRAL_ACCEPTED' && e.subjectId === id);
    expect(accepted.data).toEqual(await readAs(coordinator, id));
    expect(accepted.data).toMatchObject({ status: 'ACCEPTED' });
    // The sender's own act is not news to them; a volunteer of the receiving organisation hears of none of it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sender.events.map((e) => e.kind)).toEqual(['REFERRAL_ACCEPTED']);
    expect(volunteerSocket.events).toEqual([]);
    // Whoever was offline finds it among their notifications.
    const notes = await ngo.gql<{ notifications: { edges: { node: { kind: string; subjectId: string } }[] } }>(`{ notifications(first: 5) { edges { node { kind subjectId } } } }`);
    expect(notes.data!.notifications.edges.map((e) => e.node)).toContainEqual({ kind: 'REFERRAL_RECEIVED', subjectId: id });
  });

  it('gives each recipient their own view: the receiver learns who the referral is about only once it accepts', async () => {
    const inbox = await open(ngo, ELDERLY_NGO);
    const sender = await open(coordinator, JIANWAI);
    const id = (await coordinator.gql<{ createReferral: { referral: { id: string } } }>(CREATE, { input: { caseId, serviceId } })).data!.createReferral.referral.id;
    const received = await inbox.next((e) => e.subjectId === id && e.kind === 'REFERRAL_RECEIVED');
    expect(received.data!.person).toBeNull();
    expect(received.denied).toContainEqual({ path: 'referral.person', reason: 'NOT_PERMITTED' });
    expect(JSON.stringify(received)).not.toContain('王桂英');
    // The read made for the event is audited as the recipient's own: here, what it was refused.
    const ngoUser = (await ngo.gql<{ me: { id: string } }>(`{ me { id } }`)).data!.me.id;
    const audited = await app.db.query(`SELECT action, fields FROM audit_events WHERE actor_user_id = $1 AND subject_type = 'Referral' AND subject_id = $2`, [ngoUser, id]);
    expect(audited).toContainEqual({ action: 'DENY', fields: expect.arrayContaining(['person']) });
    expect((await ngo.gql(MOVE, { input: { referralId: id, status: 'ACCEPTED' } })).errors).toBeUndefined();
    const accepted = await sender.next((e) => e.subjectId === id && e.kind === 'REFERRAL_ACCEPTED');
    expect(accepted.data!.person).toMatchObject({ fullName: '王桂英' });
    expect(accepted.denied).not.toContainEqual(expect.objectContaining({ path: 'referral.person' }));
  });

  it('replays the referral events an organisation missed while offline, in order', async () => {
    const first = await open(ngo, ELDERLY_NGO);
    const a = (await coordinator.gql<{ createReferral: { referral: { id: string } } }>(CREATE, { input: { caseId, serviceId } })).data!.createReferral.referral.id;
    const seen = await first.next((e) => e.subjectId === a);
    first.close();
    const b = (await coordinator.gql<{ createReferral: { referral: { id: string } } }>(CREATE, { input: { caseId, serviceId } })).data!.createReferral.referral.id;
    expect((await coordinator.gql(MOVE, { input: { referralId: b, status: 'CANCELLED', reasonCode: 'NEEDS_CHANGED', reasonText: '需求已变化' } })).errors).toBeUndefined();
    const back = await open(ngo, ELDERLY_NGO, seen.id);
    // What was published while it was away comes first; what the relay publishes after it connected follows live.
    await back.next((e) => e.kind === 'REFERRAL_WITHDRAWN');
    expect(back.events.map((e) => [e.kind, e.subjectId])).toEqual([['REFERRAL_RECEIVED', b], ['REFERRAL_WITHDRAWN', b]]);
    expect(back.events[1].data).toMatchObject({ status: 'CANCELLED', reasonCode: 'NEEDS_CHANGED' });
  });
});
