import { CasesModule } from '@zhulian/cases';
import { DirectoryModule } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { ReferralDeadlines, ReferralsModule } from '@zhulian/referrals';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { InsightsModule } from '../insights.module';
import { beijingDate, InsightEvaluation } from './insight-evaluation';

const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';
const CHARITY = '0193a000-0000-7000-8000-000000000006';

interface AlertView { ruleCode: string; score: number; age: number | null; declinedInARow: number | null; expiredUnanswered: boolean | null; carerAwayNeed: string | null;
  person: { id: string } | null }

/** Referrals that lead nowhere, and children left without their carer: from real records to the holder's alerts. */
describe('early warnings: referral dead ends and children whose carer is away', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  const receivers: Record<string, { service: string; staff: SignedIn }> = {};
  const year = Number(beijingDate(new Date()).date.slice(0, 4));

  const register = (input: Record<string, unknown>) => makePerson(coordinator, input);
  const openCase = (personId: string, needs: string[]) => makeCase(coordinator, personId, { needs, priority: 'HIGH' });
  const consented = new Set<string>();
  /** A referral of the case to the organisation's service (with the person's consent to share, recorded once). */
  const refer = async (personId: string, caseId: string, organisationId: string) => {
    if (!consented.has(`${personId}:${organisationId}`)) {
      await makeConsent(coordinator, { personId, recipientOrganisationId: organisationId, categories: ['basic', 'contact'], evidence: '转介同意书 D-1' });
      consented.add(`${personId}:${organisationId}`);
    }
    return (await makeReferral(coordinator, { caseId, serviceId: receivers[organisationId].service, noteForReceiver: '需要上门照护' })).id;
  };
  /** The receiving organisation's answer to a referral. */
  const answer = async (referralId: string, organisationId: string, status: 'ACCEPTED' | 'REJECTED') => {
    const extra = status === 'REJECTED' ? { reasonCode: 'NO_CAPACITY', reasonText: '本月名额已满' } : {};
    const res = await receivers[organisationId].staff.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { status } }`,
      { input: { referralId, status, ...extra } });
    expect(res.errors).toBeUndefined();
  };
  /** A case for the person, referred to each organisation in turn and declined by it. */
  const declinedBy = async (personId: string, organisations: string[]) => {
    const kase = await openCase(personId, ['ELDERLY_CARE']);
    for (const organisationId of organisations) await answer(await refer(personId, kase.id, organisationId), organisationId, 'REJECTED');
    return kase;
  };
  const alerts = async (ruleCode: string) => {
    const res = await coordinator.gql<{ insightAlerts: { edges: { node: AlertView }[] } }>(
      `query($f: InsightAlertFilter) { insightAlerts(first: 20, filter: $f) { edges { node { ruleCode score age declinedInARow expiredUnanswered carerAwayNeed person { id } } } } }`,
      { f: { ruleCode } });
    expect(res.errors).toBeUndefined();
    return res.data!.insightAlerts.edges.map((e) => e.node);
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, DirectoryModule, ReferralsModule, InsightsModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    for (const [organisationId, login] of [[ELDERLY_NGO, 'ngo@zhulian.demo'], [FAMILY_NGO, 'ngo2@zhulian.demo'], [CHARITY, 'charity@zhulian.demo']]) {
      receivers[organisationId] = { service: (await makeService(app.db, organisationId, { categories: ['ELDERLY_CARE'] })).id, staff: await app.login(login) };
    }
  });
  afterAll(() => app.close());

  it('warns of someone three organisations declined in a row, not of someone two did', async () => {
    const thrice = await register({ fullName: '三拒人', birthDate: '1950-02-02' });
    await declinedBy(thrice.id, [ELDERLY_NGO, FAMILY_NGO, CHARITY]);
    const twice = await register({ fullName: '两拒人', birthDate: '1951-03-03' });
    await declinedBy(twice.id, [ELDERLY_NGO, FAMILY_NGO]);
    await app.app.get(InsightEvaluation).evaluate(new Date());
    expect(await alerts('REFERRAL_DEAD_END')).toEqual([{ ruleCode: 'REFERRAL_DEAD_END', score: 70, age: null, declinedInARow: 3, expiredUnanswered: false, carerAwayNeed: null,
      person: { id: thrice.id } }]);
  });

  it('does not warn once an organisation accepts after the declines, nor counts one organisation declining twice as two', async () => {
    const helped = await register({ fullName: '终获接收', birthDate: '1952-04-04' });
    const kase = await declinedBy(helped.id, [ELDERLY_NGO, FAMILY_NGO, CHARITY]);
    await answer(await refer(helped.id, kase.id, FAMILY_NGO), FAMILY_NGO, 'ACCEPTED');
    const sameTwice = await register({ fullName: '同一机构两拒', birthDate: '1953-05-05' });
    await declinedBy(sameTwice.id, [ELDERLY_NGO, FAMILY_NGO, ELDERLY_NGO]);
    await app.app.get(InsightEvaluation).evaluate(new Date());
    const about = (await alerts('REFERRAL_DEAD_END')).map((a) => a.person?.id);
    expect(about).not.toContain(helped.id);
    expect(about).not.toContain(sameTwice.id);
  });

  it('keeps warning while a new referral after the declines still waits for an answer', async () => {
    const waiting = await register({ fullName: '再次转介', birthDate: '1954-06-06' });
    const kase = await declinedBy(waiting.id, [ELDERLY_NGO, FAMILY_NGO, CHARITY]);
    await refer(waiting.id, kase.id, ELDERLY_NGO);
    await app.app.get(InsightEvaluation).evaluate(new Date());
    expect((await alerts('REFERRAL_DEAD_END')).find((a) => a.person?.id === waiting.id)).toMatchObject({ declinedInARow: 3, expiredUnanswered: false, score: 70 });
  });

  it('warns of someone whose referral expired unanswered, until one is accepted', async () => {
    const waiting = await register({ fullName: '无人应答', birthDate: '1949-04-04' });
    const kase = await openCase(waiting.id, ['ELDERLY_CARE']);
    await makeConsent(coordinator, { personId: waiting.id, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'], evidence: '转介同意书 E-1' });
    const send = async () => (await makeReferral(coordinator, { caseId: kase.id, serviceId: receivers[ELDERLY_NGO].service, noteForReceiver: '需要上门照护' })).id;
    await send();
    const week = new Date(Date.now() + 8 * 86_400_000);
    await app.app.get(ReferralDeadlines).sweep(week);
    await app.app.get(InsightEvaluation).evaluate(week);
    expect((await alerts('REFERRAL_DEAD_END')).find((a) => a.person?.id === waiting.id)).toMatchObject({ expiredUnanswered: true, declinedInARow: 0 });
    // Sent again and accepted: the dead end is behind them.
    const again = await send();
    const accepted = await receivers[ELDERLY_NGO].staff.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { status } }`,
      { input: { referralId: again, status: 'ACCEPTED' } });
    expect(accepted.errors).toBeUndefined();
    await app.app.get(InsightEvaluation).evaluate(new Date(week.getTime() + 1000));
    expect((await alerts('REFERRAL_DEAD_END')).find((a) => a.person?.id === waiting.id)).toBeUndefined();
  });

  it('warns of a child whose only adult is in hospital, not of one with another adult at home, nor once the case is closed', async () => {
    const mother = await register({ fullName: '住院母亲', birthDate: '1988-05-05', newHousehold: {} });
    const child = await register({ fullName: '小明', birthDate: `${year - 9}-01-01`, householdId: mother.householdId!, relationToHead: 'CHILD' });
    const motherCase = await openCase(mother.id, ['HOSPITALISED']);
    const father = await register({ fullName: '住院父亲', birthDate: '1986-06-06', newHousehold: {} });
    await register({ fullName: '奶奶在家', birthDate: '1958-07-07', householdId: father.householdId!, relationToHead: 'PARENT' });
    await register({ fullName: '小红', birthDate: `${year - 7}-01-01`, householdId: father.householdId!, relationToHead: 'CHILD' });
    await openCase(father.id, ['DETAINED']);
    await app.app.get(InsightEvaluation).evaluate(new Date());
    expect(await alerts('CHILD_CARER_AWAY')).toEqual([{ ruleCode: 'CHILD_CARER_AWAY', score: 82, age: 9, declinedInARow: null, expiredUnanswered: null, carerAwayNeed: 'HOSPITALISED',
      person: { id: child.id } }]);

    const closed = await coordinator.gql(`mutation($input: SetCaseStatusInput!) { setCaseStatus(input: $input) { id } }`,
      { input: { caseId: motherCase.id, version: motherCase.version, status: 'CLOSED', outcome: 'NEEDS_MET' } });
    expect(closed.errors).toBeUndefined();
    await app.app.get(InsightEvaluation).evaluate(new Date(Date.now() + 1000));
    expect(await alerts('CHILD_CARER_AWAY')).toEqual([]);
  });

  it('says nothing of a carer’s case held by another organisation: its hospital or detention is not the child’s holder’s to learn', async () => {
    const SANLITUN = '0193a000-0000-7000-8000-000000000003';
    const mother = await register({ fullName: '外机构个案母亲', birthDate: '1990-03-03', newHousehold: {} });
    const child = await register({ fullName: '小华', birthDate: `${year - 6}-01-01`, householdId: mother.householdId!, relationToHead: 'CHILD' });
    // The mother lets the Sanlitun street office manage a case for her; its caseworker opens one for her stay in hospital.
    await makeConsent(coordinator, { personId: mother.id, recipientOrganisationId: SANLITUN, categories: ['basic', 'contact'], purpose: 'CASE_MANAGEMENT',
      evidence: '个案管理同意书 C-7' });
    const social = await app.login('social@zhulian.demo', undefined, SANLITUN);
    await makeCase(social, mother.id, { needs: ['HOSPITALISED'], priority: 'HIGH' });
    await app.app.get(InsightEvaluation).evaluate(new Date(Date.now() + 2000));
    expect((await alerts('CHILD_CARER_AWAY')).filter((a) => a.person?.id === child.id)).toEqual([]);
  });

  it('shows these warnings to the holder’s coordinators only', async () => {
    const staff = receivers[ELDERLY_NGO].staff;
    const res = await staff.gql<{ insightAlertsCount: number }>(`{ insightAlertsCount(filter: { live: false }) }`);
    expect(res.data!.insightAlertsCount).toBe(0);
    const coordinatorOfNgo = await app.login('orgadmin@zhulian.demo');
    expect((await coordinatorOfNgo.gql<{ insightAlertsCount: number }>(`{ insightAlertsCount }`)).data!.insightAlertsCount).toBe(0);
  });
});
