import { CasesModule } from '@zhulian/cases';
import { DirectoryModule } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { ReferralsModule } from '@zhulian/referrals';
import { checkCharacter, RegistryModule } from '@zhulian/registry';
import { makeInsightAlert, makePerson, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';
const CHARITY = '0193a000-0000-7000-8000-000000000006';

/** A valid resident ID number of someone born in Chaoyang on the date, the `n`-th registered that day. */
const idNumber = (birth: string, n: number) => {
  const first17 = `110105${birth.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

const INTAKE = `mutation($input: OneStopIntakeInput!) { oneStopIntake(input: $input) {
  intakeId replayed warnings
  person { id fullName idNumber household { id } }
  members { id fullName }
  consents { id recipientOrganisationId categories purpose }
  case { id status needs priority }
  referrals { id status receiverOrganisationId }
  alert { id status }
} }`;

interface IntakeView {
  intakeId: string;
  replayed: boolean;
  warnings: string[];
  person: { id: string; fullName: string; idNumber: string | null; household: { id: string } | null };
  members: { id: string; fullName: string }[];
  consents: { id: string; recipientOrganisationId: string; categories: string[]; purpose: string }[];
  case: { id: string; status: string; needs: string[]; priority: string };
  referrals: { id: string; status: string; receiverOrganisationId: string }[];
  alert: { id: string; status: string } | null;
}

/** One-stop intake through GraphQL on a real database: all of it or none of it, once. */
describe('one-stop intake (一件事一次办)', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let caseworker: SignedIn;
  let elderlyNgo: SignedIn;
  const services: Record<string, string> = {};
  let keys = 0;
  const key = () => `intake-test-${(keys += 1)}-${Date.now()}`;

  /** What is in the tables an intake writes: compared before and after a refused intake. */
  const footprint = async () => {
    const [row] = await app.db.query(`SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM households)::int AS households,
      (SELECT count(*) FROM consents)::int AS consents, (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals,
      (SELECT count(*) FROM one_stop_intakes)::int AS intakes, (SELECT count(*) FROM outbox_events)::int AS events,
      (SELECT count(*) FROM insight_alerts WHERE status <> 'OPEN')::int AS decided`);
    return row as Record<string, number>;
  };
  const consent = (recipientOrganisationId: string, categories = ['basic', 'contact']) =>
    ({ recipientOrganisationId, categories, givenBy: 'SELF', evidence: '一件事一次办告知同意书 YJS-2026-0042' });
  const frontDesk = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key(),
    person: { fullName: '韩桂英', idNumber: idNumber('1950-03-08', 12), phone: '13700001111', regionCode: '110105', address: '朝阳区建外街道永安里 6 号',
      chronicIllness: '高血压', monthlyIncomeCents: 90_000, newHousehold: { monthlyIncomeCents: 150_000 } },
    members: [{ fullName: '韩小雨', idNumber: idNumber('2014-09-01', 22), relationToHead: 'GRANDCHILD' }],
    consents: [consent(ELDERLY_NGO), consent(FAMILY_NGO)],
    case: { needs: ['ELDERLY_CARE'], priority: 'HIGH', summary: '独居老人带孙女，收入低，需要助餐与照护。' },
    referrals: [
      { serviceId: services[ELDERLY_NGO], urgency: 'URGENT', noteForReceiver: '老人行动不便，需要上门助餐。' },
      { serviceId: services[FAMILY_NGO], sharedCategories: ['basic'] },
    ],
    ...overrides,
  });
  const intake = (who: SignedIn, input: Record<string, unknown>) => who.gql<{ oneStopIntake: IntakeView }>(INTAKE, { input });
  const register = (input: Record<string, unknown>) => makePerson(coordinator, input);

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, DirectoryModule, ReferralsModule, InsightsModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    caseworker = await app.login('caseworker@zhulian.demo');
    elderlyNgo = await app.login('ngo@zhulian.demo');
    for (const organisationId of [ELDERLY_NGO, FAMILY_NGO, CHARITY]) {
      services[organisationId] = (await makeService(app.db, organisationId, { categories: ['ELDERLY_CARE'] })).id;
    }
  });
  afterAll(() => app.close());

  it('registers the household, records the consents, opens the case and sends every referral in one step, which the receiver finds in its inbox', async () => {
    const res = await intake(coordinator, frontDesk());
    expect(res.errors).toBeUndefined();
    const done = res.data!.oneStopIntake;
    expect(done).toMatchObject({
      replayed: false, warnings: [],
      person: { fullName: '韩桂英', idNumber: idNumber('1950-03-08', 12) },
      members: [{ fullName: '韩小雨' }],
      case: { status: 'OPEN', needs: ['ELDERLY_CARE'], priority: 'HIGH' },
      alert: null,
    });
    expect(done.consents.map((c) => [c.recipientOrganisationId, c.purpose]).sort()).toEqual([[ELDERLY_NGO, 'REFERRAL'], [FAMILY_NGO, 'REFERRAL']]);
    expect(done.referrals.map((r) => [r.receiverOrganisationId, r.status]).sort()).toEqual([[ELDERLY_NGO, 'REQUESTED'], [FAMILY_NGO, 'REQUESTED']]);

    // The grandchild is in the household the intake founded, with its head.
    const household = await coordinator.gql<{ household: { members: { fullName: string; relationToHead: string }[] } }>(
      `query($id: ID!) { household(id: $id) { members { fullName relationToHead } } }`, { id: done.person.household!.id });
    expect(household.errors).toBeUndefined();
    expect(household.data!.household.members.map((m) => [m.fullName, m.relationToHead]).sort()).toEqual([['韩小雨', 'GRANDCHILD'], ['韩桂英', 'HEAD']]);

    // The elderly-care NGO receives its referral like any other, blind until it accepts.
    const inbox = await elderlyNgo.gql<{ referrals: { edges: { node: { id: string; status: string; urgency: string; person: { fullName: string | null } | null } }[] } }>(
      `{ referrals(first: 50, filter: { status: [REQUESTED] }) { edges { node { id status urgency person { fullName } } } } }`);
    expect(inbox.errors).toBeUndefined();
    const received = inbox.data!.referrals.edges.map((e) => e.node).find((n) => n.id === done.referrals.find((r) => r.receiverOrganisationId === ELDERLY_NGO)!.id);
    expect(received).toMatchObject({ status: 'REQUESTED', urgency: 'URGENT' });

    // One audited record of the intake itself, beside each part's own.
    const [audited] = await app.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'OneStopIntake' AND subject_id = $1`, [done.intakeId]);
    expect(audited.n).toBe(1);
  });

  it('answers a retry with what the first intake did, even when both arrive at once, and refuses the key for another intake', async () => {
    const input = frontDesk({ person: { ...frontDesk().person, fullName: '邵玉珍', idNumber: idNumber('1948-11-20', 31) }, members: [] });
    const [first, second] = await Promise.all([intake(coordinator, input), intake(coordinator, input)]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data!.oneStopIntake.intakeId).toBe(second.data!.oneStopIntake.intakeId);
    expect([first.data!.oneStopIntake.replayed, second.data!.oneStopIntake.replayed].sort()).toEqual([false, true]);
    const before = await footprint();
    const again = await intake(coordinator, input);
    expect(again.data!.oneStopIntake).toMatchObject({ replayed: true, intakeId: first.data!.oneStopIntake.intakeId, case: { id: first.data!.oneStopIntake.case.id } });
    expect(again.data!.oneStopIntake.referrals.map((r) => r.id).sort()).toEqual(first.data!.oneStopIntake.referrals.map((r) => r.id).sort());
    expect(await footprint()).toEqual(before);

    const reused = await intake(coordinator, { ...input, referrals: input.referrals.slice(0, 1) });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED', field: 'input.idempotencyKey' });
    expect(await footprint()).toEqual(before);
  });

  it('leaves nothing behind when any part is refused, and names the part at fault', async () => {
    const before = await footprint();
    const fresh = { fullName: '石德明', idNumber: idNumber('1952-06-30', 45), regionCode: '110105', newHousehold: {} };

    // The third referral goes to an organisation the person did not consent to: the first two were already written.
    const withoutConsent = await intake(coordinator, frontDesk({ person: fresh, members: [],
      referrals: [...frontDesk().referrals, { serviceId: services[CHARITY] }] }));
    expect(withoutConsent.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED', field: 'input.referrals.2' });

    // The ID number is already registered (the first test's): the duplicate check refuses it.
    const duplicate = await intake(coordinator, frontDesk({ person: { ...fresh, idNumber: idNumber('1950-03-08', 12) }, members: [] }));
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_ID_NUMBER', field: 'input.person.idNumber' });

    // A member's ID number whose check digit is wrong.
    const valid = idNumber('2010-01-01', 1);
    const wrongDigit = valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0');
    const badMember = await intake(coordinator, frontDesk({ person: fresh, members: [{ fullName: '石小军', idNumber: wrongDigit, relationToHead: 'CHILD' }] }));
    expect(badMember.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ID_NUMBER_CHECK_DIGIT', field: 'input.members.0.idNumber' });

    // A consent with no signed form named, after the person and household were written.
    const noEvidence = await intake(coordinator, frontDesk({ person: fresh, members: [], consents: [{ ...consent(ELDERLY_NGO), evidence: '' }] }));
    expect(noEvidence.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EVIDENCE_REQUIRED', field: 'input.consents.0.evidence' });

    // A need that does not exist.
    const badNeed = await intake(coordinator, frontDesk({ person: fresh, members: [], case: { needs: ['NO_SUCH_NEED'], priority: 'NORMAL' } }));
    expect(badNeed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.case.needs' });

    expect(await footprint()).toEqual(before);
    const [named] = await app.db.query(`SELECT count(*)::int AS n FROM people WHERE full_name = '石德明'`);
    expect(named.n).toBe(0);
  });

  it('refuses what cannot be one intake before writing anything', async () => {
    const before = await footprint();
    const existing = await register({ fullName: '任淑芬', birthDate: '1945-02-14' });
    const afterRegister = await footprint();
    const cases = [
      [{ personId: existing.id }, 'INTAKE_PERSON_CHOICE'],
      [{ person: undefined, personId: undefined }, 'INTAKE_PERSON_CHOICE'],
      [{ person: { fullName: '任建', regionCode: '110105' } }, 'MEMBERS_NEED_NEW_HOUSEHOLD'],
      [{ members: [{ fullName: '任小宝' }] }, 'RELATION_REQUIRED'],
      [{ referrals: [{ serviceId: services[ELDERLY_NGO] }, { serviceId: services[ELDERLY_NGO] }] }, 'SERVICE_TWICE'],
    ] as const;
    for (const [overrides, reason] of cases) {
      const res = await intake(coordinator, frontDesk(overrides));
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    }
    const invalid = await intake(coordinator, frontDesk({ idempotencyKey: 'short' }));
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(before.people + 1).toBe(afterRegister.people);
    expect(await footprint()).toEqual(afterRegister);
  });

  it('takes on the alert it answers, for its person only, and never a dismissed one', async () => {
    const elder = await register({ fullName: '鲍凤兰', birthDate: '1940-07-07', chronicIllness: '糖尿病', newHousehold: {} });
    const alert = await makeInsightAlert(app.db, { ruleCode: 'ELDERLY_ALONE_NO_CONTACT', personId: elder.id, householdId: elder.householdId!, holdingOrganisationId: JIANWAI });
    const fromAlert = (overrides: Record<string, unknown>) => frontDesk({ person: undefined, members: [], personId: elder.id, alertId: alert.id,
      consents: [consent(ELDERLY_NGO)], referrals: [{ serviceId: services[ELDERLY_NGO] }], ...overrides });

    // Someone else's alert is not this person's to take on.
    const other = await register({ fullName: '司马强', birthDate: '1960-01-01' });
    const mismatch = await intake(coordinator, fromAlert({ personId: other.id }));
    expect(mismatch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALERT_PERSON_MISMATCH', field: 'input.alertId' });

    // Alerts are for coordinators: a caseworker cannot reach one through an intake either.
    const before = await footprint();
    const byCaseworker = await intake(caseworker, fromAlert({}));
    expect(byCaseworker.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ALERT_NOT_FOUND', field: 'input.alertId' });
    expect(await footprint()).toEqual(before);

    const res = await intake(coordinator, fromAlert({}));
    expect(res.errors).toBeUndefined();
    expect(res.data!.oneStopIntake).toMatchObject({ alert: { id: alert.id, status: 'ACKNOWLEDGED' }, person: { id: elder.id }, referrals: [{ status: 'REQUESTED' }] });

    const dismissed = await makeInsightAlert(app.db, { ruleCode: 'CASE_STALLED', personId: elder.id, holdingOrganisationId: JIANWAI, status: 'DISMISSED', reasonCode: 'NOT_IN_NEED' });
    const refused = await intake(coordinator, fromAlert({ idempotencyKey: key(), alertId: dismissed.id, consents: [] }));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALERT_DISMISSED', field: 'input.alertId' });
  });

  it('suggests services before the case exists, from the facts being entered or the registered person’s record', async () => {
    const seniors = await makeService(app.db, CHARITY, { name: '长者助餐', categories: ['ELDERLY_CARE'], minimumAge: 60 });
    const match = (who: SignedIn, input: Record<string, unknown>) => who.gql<{ matchServicesForIntake: { serviceId: string; reasons: { code: string; status: string; values: string[] }[] }[] }>(
      `query($input: IntakeMatchInput!) { matchServicesForIntake(input: $input, first: 50) { serviceId reasons { code status values } } }`, { input });
    const elderly = await match(coordinator, { needs: ['ELDERLY_CARE'], regionCode: '110105', birthDate: '1950-03-08' });
    expect(elderly.errors).toBeUndefined();
    const found = elderly.data!.matchServicesForIntake.find((m) => m.serviceId === seniors.id);
    expect(found?.reasons).toContainEqual(expect.objectContaining({ code: 'AGE_AT_LEAST', status: 'MET' }));
    // Too young for it: not suggested at all; the other elderly-care services are.
    const young = await match(coordinator, { needs: ['ELDERLY_CARE'], birthDate: '2000-01-01' });
    expect(young.data!.matchServicesForIntake.map((m) => m.serviceId)).not.toContain(seniors.id);
    expect(young.data!.matchServicesForIntake.map((m) => m.serviceId)).toEqual(expect.arrayContaining([services[ELDERLY_NGO], services[FAMILY_NGO]]));
    // A registered person: their own record decides (born 1945).
    const registered = await register({ fullName: '蒋慧', birthDate: '1945-05-05' });
    const theirs = await match(coordinator, { needs: ['ELDERLY_CARE'], personId: registered.id, birthDate: '2000-01-01' });
    expect(theirs.data!.matchServicesForIntake.map((m) => m.serviceId)).toContain(seniors.id);
    const volunteer = await match(await app.login('volunteer@zhulian.demo'), { needs: ['ELDERLY_CARE'] });
    expect(volunteer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const bad = await match(coordinator, { needs: [] });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for those who work cases: volunteers, NGO staff without the role and auditors are refused', async () => {
    const before = await footprint();
    for (const login of ['volunteer@zhulian.demo', 'auditor@zhulian.demo', 'ngo@zhulian.demo']) {
      const res = await intake(await app.login(login), frontDesk({ person: { fullName: '无权者', regionCode: '110105', newHousehold: {} }, members: [] }));
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    }
    expect(await footprint()).toEqual(before);
  });
});
