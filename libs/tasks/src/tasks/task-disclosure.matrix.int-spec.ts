import { CasesModule } from '@zhulian/cases';
import { DEMO_ORGS, IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makePerson, makeVolunteer, SignedIn, TestApp } from '@zhulian/testing';
import { TasksModule } from '../tasks.module';

const PERSON = { fullName: '蒋淑华', phone: '13811112222', address: '建外街道永安里 7 号楼 3 单元 201', chronicIllness: '糖尿病' };
const SEEN = `query($id: ID!) { task(id: $id) { person { fullName phone address chronicIllness birthDate } } }`;

type Seen = Record<string, string | null> | null;
const beijingDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);

/**
 * What a claim reveals of the person served, and when it stops: a matrix of volunteers (holding, waiting,
 * released, unrelated) × moments of the task (ahead, the day itself, during, just after, a day after) ×
 * the person's fields, through the task, through the person's own look-up, and through a realtime event about the task.
 */
describe('what a held task reveals of the person served, and when', () => {
  let app: TestApp;
  let taskId: string;
  let personId: string;
  const volunteers = new Map<string, SignedIn>();
  let claimOf: Map<string, string>;

  /** Moves the task so that it starts `startsIn` hours from now and lasts `hours`. */
  const at = async (startsIn: number, hours = 2) => {
    await app.db.query(`UPDATE tasks SET starts_at = now() + make_interval(secs => $2), ends_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [taskId, startsIn * 3600, (startsIn + hours) * 3600]);
  };
  const seen = async (name: string): Promise<Seen> => {
    const res = await volunteers.get(name)!.gql<{ task: { person: Seen } }>(SEEN, { id: taskId });
    expect(res.errors).toBeUndefined();
    const direct = await volunteers.get(name)!.gql<{ person: Seen }>(`query($id: ID!) { person(id: $id) { fullName phone address chronicIllness birthDate } }`, { id: personId });
    // The person's own look-up answers the same (or NOT_FOUND where the task shows nothing).
    expect(direct.data?.person ?? null).toEqual(res.data!.task.person);
    // A realtime event about the task carries what their own read of it gives, and nothing of the person served.
    const event = await app.eventPayload(volunteers.get(name)!, undefined, 'Task', taskId);
    expect(event.view).toEqual({ data: event.direct.data, denied: event.direct.denied });
    expect(event.view.data).not.toHaveProperty('person');
    return res.data!.task.person;
  };
  const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, TasksModule], seed: seedIdentityDemo });
    const coordinator = await app.login('jianwai@zhulian.demo');
    personId = (await makePerson(coordinator, { ...PERSON, birthDate: '1940-02-02' })).id;
    const opened = await makeCase(coordinator, personId);
    const posted = await coordinator.gql<{ postTask: { id: string; discloses: string[] } }>(`mutation($input: PostTaskInput!) { postTask(input: $input) { id discloses } }`, { input: {
      title: '上门陪伴', skills: ['COMPANIONSHIP'], regionCode: '110105', slots: 1, needsApproval: true, caseId: opened.id,
      discloses: ['contact', 'location'], startsAt: new Date(Date.now() + 48 * 3600_000).toISOString(), endsAt: new Date(Date.now() + 50 * 3600_000).toISOString() } });
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.postTask.discloses).toEqual(['basic', 'contact', 'location']);
    taskId = posted.data!.postTask.id;
    for (const name of ['holder', 'waiting', 'released', 'stranger']) {
      const user = await makeVolunteer(app.db, { organisationId: DEMO_ORGS.volunteers });
      volunteers.set(name, await app.signedInAs(user.id, DEMO_ORGS.volunteers));
    }
    claimOf = new Map();
    for (const name of ['holder', 'waiting']) {
      const res = await volunteers.get(name)!.gql<{ claimTask: { id: string } }>(`mutation($input: ClaimTaskInput!) { claimTask(input: $input) { id status } }`, { input: { taskId } });
      claimOf.set(name, res.data!.claimTask.id);
    }
  });
  afterAll(() => app.close());

  it('reveals nothing to a claim that waits for approval, nor to the waitlist, nor to a stranger', async () => {
    for (const name of ['holder', 'waiting', 'stranger']) expect([name, await seen(name)]).toEqual([name, null]);
  });

  it('names the case it serves to the organisation running it only', async () => {
    const caseOf = async (session: SignedIn) => (await session.gql<{ task: { caseId: string | null } }>(`query($id: ID!) { task(id: $id) { caseId } }`, { id: taskId })).data!.task.caseId;
    expect(await caseOf(await app.login('jianwai@zhulian.demo'))).toEqual(expect.any(String));
    for (const name of ['holder', 'stranger']) expect([name, await caseOf(volunteers.get(name)!)]).toEqual([name, null]);
    expect(await caseOf(await app.login('ngo@zhulian.demo'))).toBeNull();
  });

  it('once approved and ahead of the day: the name, the phone masked, no address, nothing else', async () => {
    const coordinator = await app.login('jianwai@zhulian.demo');
    expect((await coordinator.gql(`mutation($input: ClaimDecisionInput!) { approveClaim(input: $input) { status } }`, { input: { claimId: claimOf.get('holder') } })).errors)
      .toBeUndefined();
    expect(await seen('holder')).toEqual({ fullName: PERSON.fullName, phone: masked(PERSON.phone), address: null, chronicIllness: null, birthDate: null });
    for (const name of ['waiting', 'stranger']) expect([name, await seen(name)]).toEqual([name, null]);
  });

  it('from the day of the task: the phone; from two hours before it: the address', async () => {
    await at(1);
    const sameDay = beijingDay(new Date()) === beijingDay(new Date(Date.now() + 3600_000));
    expect(await seen('holder')).toEqual({ fullName: PERSON.fullName, phone: sameDay ? PERSON.phone : masked(PERSON.phone), address: PERSON.address,
      chronicIllness: null, birthDate: null });
    await at(-1);
    expect(await seen('holder')).toEqual({ fullName: PERSON.fullName, phone: PERSON.phone, address: PERSON.address, chronicIllness: null, birthDate: null });
  });

  it('after the task: the address at once after an hour, the rest after a day', async () => {
    await at(-4);
    expect(await seen('holder')).toEqual({ fullName: PERSON.fullName, phone: PERSON.phone, address: null, chronicIllness: null, birthDate: null });
    await at(-27);
    expect(await seen('holder')).toBeNull();
  });

  it('ends with the claim: a volunteer who gives the task up sees nothing more', async () => {
    await at(48);
    const name = 'released';
    const coordinator = await app.login('jianwai@zhulian.demo');
    // The holder gives up; the waiting volunteer is offered the place, confirms, and is approved: they see; the one who left does not.
    await volunteers.get('holder')!.gql(`mutation($input: ClaimDecisionInput!) { releaseClaim(input: $input) { status } }`, { input: { claimId: claimOf.get('holder') } });
    expect(await seen('holder')).toBeNull();
    await volunteers.get('waiting')!.gql(`mutation($input: ClaimDecisionInput!) { confirmClaim(input: $input) { status } }`, { input: { claimId: claimOf.get('waiting') } });
    expect(await seen('waiting')).toBeNull();
    await coordinator.gql(`mutation($input: ClaimDecisionInput!) { approveClaim(input: $input) { status } }`, { input: { claimId: claimOf.get('waiting') } });
    expect(await seen('waiting')).toMatchObject({ fullName: PERSON.fullName, phone: masked(PERSON.phone) });
    expect(await seen(name)).toBeNull();
  });
});
