import { CasesModule } from '@zhulian/cases';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

const POST = `mutation($input: PostTaskInput!) { postTask(input: $input) { id discloses referralId caseId person { fullName phone address } } }`;
const MOVE = `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id status } }`;
const PERSON = { fullName: '赵桂英', regionCode: '110105', phone: '13800002468', address: '建外街道永安里 12 号楼 3 单元', birthDate: '1941-03-03' };

/**
 * An organisation that accepted a referral posts volunteer tasks for its person — say, meal deliveries —
 * disclosing to the volunteers no more than the referral lets it read (the phone and the address are contact
 * data); nobody else posts from that referral.
 */
describe('a task posted from an accepted referral', () => {
  let app: TestApp;
  let office: SignedIn;
  let ngo: SignedIn;
  let caseId: string;
  let referralId: string;
  const task = (session: SignedIn, input: Record<string, unknown>) => session.gql<{ postTask: Record<string, unknown> }>(POST, { input: {
    title: '为老人送午餐', skills: ['MEAL_DELIVERY'], regionCode: '110105', slots: 1,
    startsAt: new Date(Date.now() + 60 * 60_000).toISOString(), endsAt: new Date(Date.now() + 120 * 60_000).toISOString(), ...input } });
  const refer = async (sharedCategories: string[]) => {
    const { id } = await makeService(app.db, DEMO_ORGS.elderlyNgo, { name: '助餐服务' });
    return (await makeReferral(office, { caseId, serviceId: id, sharedCategories })).id;
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    office = await app.login('jianwai@zhulian.demo');
    ngo = await app.login('ngo@zhulian.demo');
    const { id: personId } = await makePerson(office, PERSON);
    caseId = (await makeCase(office, personId)).id;
    await makeConsent(office, { personId, recipientOrganisationId: DEMO_ORGS.elderlyNgo, categories: ['basic', 'contact'], evidence: '转介同意书 T-1' });
    referralId = await refer(['basic']);
  });
  afterAll(() => app.close());

  it('waits until the referral is accepted, refuses the sender, another organisation, a second source, and a disclosure beyond what it shares', async () => {
    expect((await task(ngo, { referralId, discloses: ['contact'] })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'REFERRAL_NOT_ACCEPTED' });
    expect((await ngo.gql(MOVE, { input: { referralId, status: 'ACCEPTED' } })).errors).toBeUndefined();
    expect((await task(office, { referralId })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'REFERRAL_NOT_RECEIVED' });
    expect((await task(await app.login('charity@zhulian.demo'), { referralId })).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'REFERRAL_NOT_FOUND' });
    expect((await task(ngo, { referralId, caseId })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ONE_SOURCE' });
    // This referral shares the basics only: the phone (and the address, contact data too) are not the receiver's to pass on.
    for (const discloses of [['contact'], ['location']]) {
      expect((await task(ngo, { referralId, discloses })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DISCLOSURE_BEYOND_YOUR_VIEW' });
    }
    const count = await app.db.query(`SELECT count(*)::int AS n FROM tasks WHERE referral_id = $1`, [referralId]);
    expect(count).toEqual([{ n: 0 }]);
  });

  it('discloses what a referral sharing contact data lets it: the volunteer holding the task reads the name, the phone, the address', async () => {
    const sharing = await refer(['basic', 'contact']);
    expect((await ngo.gql(MOVE, { input: { referralId: sharing, status: 'ACCEPTED' } })).errors).toBeUndefined();
    const posted = await task(ngo, { referralId: sharing, discloses: ['contact', 'location'] });
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postTask).toMatchObject({ discloses: ['basic', 'contact', 'location'], referralId: sharing, caseId: null,
      person: { fullName: PERSON.fullName, phone: PERSON.phone, address: PERSON.address } });
    // The volunteer who holds it reads the name, the phone from the day and the address from two hours before (it starts in one).
    const volunteer = await app.signedInAs((await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers, skills: ['MEAL_DELIVERY'] })).id, DEMO_ORGS.volunteers);
    const taskId = posted.data!.postTask.id as string;
    expect((await volunteer.gql(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { status } }`, { input: { taskId } })).errors).toBeUndefined();
    const seen = await volunteer.gql<{ task: { referralId: string | null; person: Record<string, unknown> } }>(
      `query($id: ID!) { task(id: $id) { referralId person { fullName phone address } } }`, { id: taskId });
    const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
    const today = day(new Date()) === day(new Date(Date.now() + 60 * 60_000));
    expect(seen.data!.task).toEqual({ referralId: null, person: { fullName: PERSON.fullName, phone: today ? PERSON.phone : '138****2468', address: PERSON.address } });
  });

  it('is not posted from a referral that ended', async () => {
    const ended = await refer(['basic']);
    await ngo.gql(MOVE, { input: { referralId: ended, status: 'ACCEPTED' } });
    await ngo.gql(MOVE, { input: { referralId: ended, status: 'COMPLETED', outcome: 'SERVICE_PROVIDED' } });
    expect((await task(ngo, { referralId: ended })).errors![0].extensions).toMatchObject({ reason: 'REFERRAL_NOT_ACCEPTED' });
  });
});
