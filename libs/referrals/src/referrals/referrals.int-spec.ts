import { newId, Role } from '@zhulian/core';
import { CasesModule } from '@zhulian/cases';
import { DirectoryModule } from '@zhulian/directory';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';
import { moveParty, ReferralStatus as S } from './referral-moves';

const JIANWAI = '0193a000-0000-7000-8000-000000000002';
const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';
const FAMILY_NGO = '0193a000-0000-7000-8000-000000000005';

const FIELDS = `id status version needs urgency regionCode ageBand noteForReceiver sharedCategories overrideReason reasonCode reasonText outcome outcomeNote caseId
  serviceName senderOrganisationName receiverOrganisationName receiverUserName person { id fullName phone birthDate } timeline { kind fromStatus toStatus reasonCode actorName }`;
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { warnings referral { ${FIELDS} } } }`;
const MOVE = `mutation($input: MoveReferralInput!) { moveReferral(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { referral(id: $id) { ${FIELDS} } }`;

type R = Record<string, unknown> & { id: string; status: string; version: number; person: Record<string, unknown> | null };

describe('referrals', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let caseworker: SignedIn;
  let ngo: SignedIn;
  let ngoAdmin: SignedIn;
  let personId: string;
  let caseId: string;
  let mealService: string;
  let openService: string;
  const service = async (organisationId: string, name: string, places: number | null) => (await makeService(app.db, organisationId, { name, places })).id;
  const places = async (serviceId: string) => (await app.db.query(`SELECT capacity_available FROM services WHERE id = $1`, [serviceId]))[0].capacity_available;
  const create = (session: SignedIn, input: Record<string, unknown> = {}) =>
    session.gql<{ createReferral: { warnings: string[]; referral: R } }>(CREATE, { input: { caseId, serviceId: openService, noteForReceiver: '老人独居，需每日送餐', ...input } });
  const move = (session: SignedIn, referral: { id: string }, status: string, extra: Record<string, unknown> = {}) =>
    session.gql<{ moveReferral: R }>(MOVE, { input: { referralId: referral.id, status, ...extra } });
  const get = (session: SignedIn, id: string) => session.gql<{ referral: R }>(GET, { id });
  const consent = async (purpose: string, categories: string[], recipientOrganisationId = ELDERLY_NGO) =>
    (await makeConsent(coordinator, { personId, recipientOrganisationId, categories, purpose })).id;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, DirectoryModule, ReferralsModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    caseworker = await app.login('caseworker@zhulian.demo');
    ngo = await app.login('ngo@zhulian.demo');
    ngoAdmin = await app.login('orgadmin@zhulian.demo');
    personId = (await makePerson(coordinator, { fullName: '邓桂芝', phone: '13911223344', birthDate: '1942-04-05', address: '建外街道永安里 1 号' })).id;
    caseId = (await makeCase(coordinator, personId, { priority: 'HIGH' })).id;
    // caseworker@ works the case with the coordinator.
    const assigned = await coordinator.gql(`mutation($input: AssignCaseInput!) { assignCase(input: $input) { id } }`,
      { input: { caseId, userId: '0193a000-0000-7000-8000-100000000003' } });
    expect(assigned.errors).toBeUndefined();
    mealService = await service(ELDERLY_NGO, '长者助餐', 3);
    openService = await service(ELDERLY_NGO, '上门探访', null);
    await consent('REFERRAL', ['basic', 'contact']);
  });
  afterAll(() => app.close());

  it('sends with the person’s consent: requested, recorded on both timelines, the disclosure audited', async () => {
    const res = await create(coordinator, { serviceId: mealService, urgency: 'HIGH' });
    expect(res.errors).toBeUndefined();
    const { referral, warnings } = res.data!.createReferral;
    expect(warnings).toEqual([]);
    expect(referral).toMatchObject({ status: 'REQUESTED', needs: ['ELDERLY_CARE'], urgency: 'HIGH', regionCode: '110105', sharedCategories: ['basic', 'contact'],
      ageBand: '80-89', serviceName: '长者助餐', receiverOrganisationName: '朝阳区夕阳红养老服务中心', caseId, person: { id: personId, fullName: '邓桂芝' },
      timeline: [{ kind: 'STATUS_CHANGED', fromStatus: null, toStatus: 'REQUESTED', actorName: '陈红' }] });
    const kase = await coordinator.gql<{ case: { timeline: { kind: string; referralStatus: string | null; organisationName: string | null }[] } }>(
      `query($id: ID!) { case(id: $id) { timeline { kind referralStatus organisationName } } }`, { id: caseId });
    expect(kase.data!.case.timeline.at(-1)).toEqual({ kind: 'REFERRAL', referralStatus: 'REQUESTED', organisationName: '朝阳区夕阳红养老服务中心' });
    const [disclosure] = await app.db.query(`SELECT fields, grounds, details FROM audit_events WHERE action = 'EXPORT' AND subject_id = $1`, [personId]);
    expect(disclosure).toMatchObject({ fields: ['address', 'fullName', 'gender', 'birthYear', 'household', 'phone', 'regionCode', 'relationToHead'].sort(),
      grounds: { rule: 'consent' }, details: { referral: referral.id, to: ELDERLY_NGO } });
  });

  it('shows the receiver the minimal view until it accepts, then the consented categories, until the referral ends', async () => {
    const { referral } = (await create(coordinator, { serviceId: mealService })).data!.createReferral;
    const before = await get(ngo, referral.id);
    expect(before.data!.referral).toMatchObject({ needs: ['ELDERLY_CARE'], ageBand: '80-89', regionCode: '110105', noteForReceiver: '老人独居，需每日送餐',
      person: null, caseId: null });
    expect((before.extensions!.access as { denied: { path: string }[] }).denied.map((d) => d.path).sort()).toEqual(['referral.caseId', 'referral.person']);
    expect((await ngo.gql(`query($id: ID!) { person(id: $id) { id } }`, { id: personId })).errors![0].extensions.code).toBe('NOT_FOUND');

    const placesBefore = await places(mealService);
    const accepted = await move(ngo, referral, 'ACCEPTED');
    expect(accepted.errors).toBeUndefined();
    expect(await places(mealService)).toBe(placesBefore - 1);
    expect(accepted.data!.moveReferral.person).toEqual({ id: personId, fullName: '邓桂芝', phone: '13911223344', birthDate: null });

    const done = await move(ngo, referral, 'COMPLETED', { outcome: 'SERVICE_PROVIDED', outcomeNote: '已安排每日送餐' });
    expect(done.errors).toBeUndefined();
    expect(await places(mealService)).toBe(placesBefore);
    const seenBySender = await get(caseworker, referral.id);
    expect(seenBySender.data!.referral).toMatchObject({ status: 'COMPLETED', outcome: 'SERVICE_PROVIDED', outcomeNote: '已安排每日送餐' });
    // No grace period configured: access ends with the referral.
    expect((await get(ngo, referral.id)).data!.referral.person).toBeNull();
  });

  it('refuses to send without consent, lets only a coordinator override with a reason the receiver sees', async () => {
    const before = await app.db.query(`SELECT count(*)::int AS n FROM referrals`);
    const other = await service(FAMILY_NGO, '家庭支持', null);
    const refused = await create(coordinator, { serviceId: other });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONSENT_REQUIRED' });
    const notCoordinator = await create(caseworker, { serviceId: other, overrideReason: '紧急情况，老人摔倒无人照看' });
    expect(notCoordinator.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(await app.db.query(`SELECT count(*)::int AS n FROM referrals`)).toEqual(before);

    const overridden = await create(coordinator, { serviceId: other, overrideReason: '紧急情况，老人摔倒无人照看', sharedCategories: ['basic', 'contact'] });
    expect(overridden.errors).toBeUndefined();
    const familyNgo = await app.loginNewMember(FAMILY_NGO, Role.STAFF);
    const seen = await get(familyNgo, overridden.data!.createReferral.referral.id);
    expect(seen.data!.referral).toMatchObject({ overrideReason: '紧急情况，老人摔倒无人照看', person: null });
    const accepted = await move(familyNgo, seen.data!.referral, 'ACCEPTED');
    expect(accepted.data!.moveReferral.person).toMatchObject({ fullName: '邓桂芝', phone: '13911223344', birthDate: null });
    const [audit] = await app.db.query(`SELECT grounds FROM audit_events WHERE action = 'EXPORT' AND details->>'referral' = $1`, [seen.data!.referral.id]);
    expect(audit.grounds).toEqual({ rule: 'referral-override' });
  });

  it('keeps a draft from the receiver until the sender requests it', async () => {
    const draft = (await create(caseworker, { send: false })).data!.createReferral.referral;
    expect(draft.status).toBe('DRAFT');
    expect((await get(ngo, draft.id)).errors![0].extensions.code).toBe('NOT_FOUND');
    expect((await move(caseworker, draft, 'REQUESTED')).data!.moveReferral.status).toBe('REQUESTED');
    expect((await get(ngo, draft.id)).data!.referral.status).toBe('REQUESTED');
  });

  it('warns the sender when the service has no place left, and refuses to accept until one is free', async () => {
    const full = await service(ELDERLY_NGO, '日间照料', 0);
    const res = await create(coordinator, { serviceId: full });
    expect(res.data!.createReferral.warnings).toEqual(['NO_PLACES_LEFT']);
    const accept = await move(ngo, res.data!.createReferral.referral, 'ACCEPTED');
    expect(accept.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_PLACES_LEFT' });
    expect((await get(ngo, res.data!.createReferral.referral.id)).data!.referral.status).toBe('REQUESTED');
  });

  it('needs a coded reason and a text to decline, cancel, hold or fail; an outcome to complete', async () => {
    const { referral } = (await create(coordinator)).data!.createReferral;
    expect((await move(ngo, referral, 'REJECTED')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED', field: 'input.reasonCode' });
    expect((await move(ngo, referral, 'REJECTED', { reasonCode: 'NOT_ELIGIBLE' })).errors![0].extensions).toMatchObject({ field: 'input.reasonText' });
    const rejected = await move(ngo, referral, 'REJECTED', { reasonCode: 'OUT_OF_AREA', reasonText: '不在我们的服务范围内' });
    expect(rejected.data!.moveReferral).toMatchObject({ status: 'REJECTED', reasonCode: 'OUT_OF_AREA', reasonText: '不在我们的服务范围内' });
    expect((await get(caseworker, referral.id)).data!.referral.timeline).toEqual([
      expect.objectContaining({ toStatus: 'REQUESTED' }), expect.objectContaining({ fromStatus: 'REQUESTED', toStatus: 'REJECTED', reasonCode: 'OUT_OF_AREA' })]);
    const accepted = (await move(ngo, (await create(coordinator)).data!.createReferral.referral, 'ACCEPTED')).data!.moveReferral;
    expect((await move(ngo, accepted, 'COMPLETED')).errors![0].extensions).toMatchObject({ reason: 'OUTCOME_REQUIRED' });
    // The sender's worklist lists the declined one as come back; one the sender withdrew itself is not.
    const withdrawn = (await create(coordinator)).data!.createReferral.referral;
    expect((await move(coordinator, withdrawn, 'CANCELLED', { reasonCode: 'OTHER', reasonText: '家属已自行安排' })).errors).toBeUndefined();
    const cameBack = await coordinator.gql<{ referrals: { edges: { node: { id: string } }[] } }>(`{ referrals(first: 100, filter: { cameBack: true, direction: SENT }) { edges { node { id } } } }`);
    const ids = cameBack.data!.referrals.edges.map((e) => e.node.id);
    expect(ids).toContain(referral.id);
    expect(ids).not.toContain(withdrawn.id);
  });

  describe('every move, by the right and the wrong party', () => {
    const REASON = { reasonCode: 'OTHER', reasonText: '测试原因', outcome: 'SERVICE_PROVIDED' };
    /** A referral in the given state, by the shortest allowed path. */
    const referralIn = async (state: S): Promise<R> => {
      if (state === S.DRAFT) return (await create(caseworker, { send: false })).data!.createReferral.referral;
      let current = (await create(caseworker)).data!.createReferral.referral;
      const path: Record<S, S[]> = {
        [S.DRAFT]: [], [S.REQUESTED]: [], [S.ACCEPTED]: [S.ACCEPTED], [S.REJECTED]: [S.REJECTED], [S.CANCELLED]: [S.CANCELLED],
        [S.IN_PROGRESS]: [S.ACCEPTED, S.IN_PROGRESS], [S.ON_HOLD]: [S.ACCEPTED, S.ON_HOLD], [S.COMPLETED]: [S.ACCEPTED, S.COMPLETED],
        [S.FAILED]: [S.ACCEPTED, S.FAILED], [S.ENTERED_IN_ERROR]: [S.ENTERED_IN_ERROR],
      };
      for (const next of path[state]) {
        const by = moveParty(current.status as S, next) === 'SENDER' ? caseworker : ngo;
        const res = await move(by, current, next, REASON);
        expect(res.errors).toBeUndefined();
        current = res.data!.moveReferral;
      }
      return current;
    };
    const all = Object.values(S);
    const cases = all.flatMap((from) => all.map((to) => ({ from, to, party: moveParty(from, to) })));

    it.each(cases)('$from → $to ($party)', async ({ from, to, party }) => {
      const current = await referralIn(from);
      if (party === null) {
        const res = await move(from === S.DRAFT ? caseworker : ngo, current, to, REASON);
        const bySender = await move(caseworker, current, to, REASON);
        for (const r of [res, bySender]) expect(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']).toContain(r.errors![0].extensions.code);
        expect(bySender.errors![0].extensions.code).toBe(from === to ? 'CONFLICT' : 'BAD_USER_INPUT');
      } else {
        const wrong = await move(party === 'SENDER' ? ngo : caseworker, current, to, REASON);
        expect(wrong.errors![0].extensions.code).toBe(from === S.DRAFT ? 'NOT_FOUND' : 'FORBIDDEN');
        const right = await move(party === 'SENDER' ? caseworker : ngo, current, to, REASON);
        expect(right.errors).toBeUndefined();
        expect(right.data!.moveReferral).toMatchObject({ status: to, version: current.version + 1 });
      }
      const [row] = await app.db.query(`SELECT status FROM referrals WHERE id = $1`, [current.id]);
      expect(row.status).toBe(party === null ? from : to);
    });
  });

  it('lets exactly one of two staff accepting at once win; the other gets CONFLICT', async () => {
    const { referral } = (await create(coordinator, { serviceId: mealService })).data!.createReferral;
    const placesBefore = await places(mealService);
    const results = await Promise.all([move(ngo, referral, 'ACCEPTED'), move(ngoAdmin, referral, 'ACCEPTED')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['CONFLICT']);
    expect(await places(mealService)).toBe(placesBefore - 1);
  });

  it('answers more staff accepting one referral at once than the database pool has connections: one wins, none waits on a connection another holds', async () => {
    const { referral } = (await create(coordinator)).data!.createReferral;
    const staff = [ngo, ngoAdmin, ...await Promise.all(Array.from({ length: 12 }, () => app.loginNewMember(ELDERLY_NGO, Role.STAFF)))];
    const results = await Promise.all(staff.map((session) => move(session, referral, 'ACCEPTED')));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(new Set(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code))).toEqual(new Set(['CONFLICT']));
  }, 20_000);

  it('creates once per idempotency key, even when the retry races the first request', async () => {
    const before = (await app.db.query(`SELECT count(*)::int AS n FROM referrals`))[0].n;
    const input = { idempotencyKey: 'referral-retry-000001' };
    const [a, b] = await Promise.all([create(coordinator, input), create(coordinator, input)]);
    const c = await create(coordinator, input);
    expect(new Set([a, b, c].map((r) => r.data!.createReferral.referral.id)).size).toBe(1);
    expect((await app.db.query(`SELECT count(*)::int AS n FROM referrals`))[0].n).toBe(before + 1);
  });

  it('lets the receiver route an accepted referral to one of its caseworkers, who finds it as theirs', async () => {
    const ngoWorker = await app.loginNewMember(ELDERLY_NGO, Role.CASEWORKER);
    const { referral } = (await create(coordinator)).data!.createReferral;
    const route = `mutation($input: RouteReferralInput!) { routeReferral(input: $input) { id receiverUserName } }`;
    expect((await ngoAdmin.gql(route, { input: { referralId: referral.id, userId: ngoWorker.userId } })).errors![0].extensions.reason).toBe('NOT_ACCEPTED');
    await move(ngo, referral, 'ACCEPTED');
    // A caseworker of the receiver works what is routed to them; handing it on is for those who work the inbox.
    const byCaseworker = await ngoWorker.gql(route, { input: { referralId: referral.id, userId: ngoWorker.userId } });
    expect(byCaseworker.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROUTE_NOT_ALLOWED' });
    // The sender does not choose the receiver's caseworker.
    expect((await coordinator.gql(route, { input: { referralId: referral.id, userId: ngoWorker.userId } })).errors![0].extensions.code).toBe('FORBIDDEN');
    const routed = await ngo.gql<{ routeReferral: { receiverUserName: string } }>(route, { input: { referralId: referral.id, userId: ngoWorker.userId } });
    expect(routed.errors).toBeUndefined();
    expect(routed.data!.routeReferral.receiverUserName).toBeTruthy();
    // Another organisation's member is nobody to route to.
    const outsider = await app.loginNewMember(FAMILY_NGO, Role.CASEWORKER);
    expect((await ngoAdmin.gql(route, { input: { referralId: referral.id, userId: outsider.userId } })).errors![0].extensions).toMatchObject({ reason: 'NOT_A_MEMBER', field: 'input.userId' });
    const mine = await ngoWorker.gql<{ referrals: { edges: { node: { id: string } }[] } }>(`{ referrals(filter: { routedToMe: true }) { edges { node { id } } } }`);
    expect(mine.data!.referrals.edges.map((e) => e.node.id)).toEqual([referral.id]);
  });

  it('offers to close the case once every referral has ended', async () => {
    const otherPerson = await makePerson(coordinator, { fullName: '蒋德福' });
    const opened = await makeCase(coordinator, otherPerson.id, { needs: ['MEDICAL'] });
    const ready = () => coordinator.gql<{ case: { readyToClose: boolean } }>(`query($id: ID!) { case(id: $id) { readyToClose } }`, { id: opened.id });
    expect((await ready()).data!.case.readyToClose).toBe(false);
    const sent = await makeReferral(coordinator, { caseId: opened.id, serviceId: openService, overrideReason: '需要尽快就医，家属同意口头确认' });
    expect((await ready()).data!.case.readyToClose).toBe(false);
    await move(ngo, sent, 'REJECTED', { reasonCode: 'NO_CAPACITY', reasonText: '本月已满' });
    expect((await ready()).data!.case.readyToClose).toBe(true);
  });

  it('opens a confidential place’s whereabouts to the sender while its referral to the service is accepted', async () => {
    const shelter = await service(ELDERLY_NGO, '临时庇护', 5);
    await app.db.query(`INSERT INTO service_locations (id, service_id, name, address, region_code, confidential) VALUES ($1, $2, '庇护点', '保密地址 9 号', '110105', true)`,
      [newId(), shelter]);
    const where = async () => (await coordinator.gql<{ service: { locations: { address: string | null }[] } }>(
      `query($id: ID!) { service(id: $id) { locations { address } } }`, { id: shelter })).data!.service.locations[0].address;
    expect(await where()).toBeNull();
    const { referral } = (await create(coordinator, { serviceId: shelter })).data!.createReferral;
    expect(await where()).toBeNull();
    const accepted = await move(ngo, referral, 'ACCEPTED');
    expect(await where()).toBe('保密地址 9 号');
    await move(ngo, accepted.data!.moveReferral, 'COMPLETED', { outcome: 'SERVICE_PROVIDED' });
    expect(await where()).toBeNull();
  });

  it('keeps the person open to the receiver for the grace period its admin set, then closes it', async () => {
    const SETTINGS = `mutation($input: ReferralSettingsInput!) { updateReferralSettings(input: $input) { accessGraceDays remindAfterHours } }`;
    const input = { remindAfterHours: 12, escalateAfterHours: 36, expireAfterDays: 5, accessGraceDays: 3 };
    expect((await ngo.gql(SETTINGS, { input })).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await ngoAdmin.gql(SETTINGS, { input: { ...input, escalateAfterHours: 6 } })).errors![0].extensions.reason).toBe('ESCALATE_BEFORE_REMIND');
    expect((await ngoAdmin.gql(SETTINGS, { input })).data).toEqual({ updateReferralSettings: { accessGraceDays: 3, remindAfterHours: 12 } });
    try {
      const accepted = (await move(ngo, (await create(coordinator)).data!.createReferral.referral, 'ACCEPTED')).data!.moveReferral;
      const done = await move(ngo, accepted, 'COMPLETED', { outcome: 'SERVICE_PROVIDED' });
      expect(done.data!.moveReferral.person).toMatchObject({ fullName: '邓桂芝' });
      const [ends] = await app.db.query(`SELECT access_ends_at - ended_at AS grace FROM referrals WHERE id = $1`, [accepted.id]);
      expect(ends.grace).toEqual({ days: 3 });
      // Four days later (time moved by hand): closed.
      await app.db.query(`UPDATE referrals SET ended_at = ended_at - interval '4 days', access_ends_at = access_ends_at - interval '4 days' WHERE id = $1`, [accepted.id]);
      expect((await get(ngo, accepted.id)).data!.referral.person).toBeNull();
      // Lengthening the grace period afterwards applies to referrals that end from then on: it does not reopen this one.
      expect((await ngoAdmin.gql(SETTINGS, { input: { ...input, accessGraceDays: 30 } })).errors).toBeUndefined();
      expect((await get(ngo, accepted.id)).data!.referral.person).toBeNull();
    } finally {
      await app.db.query(`DELETE FROM referral_settings WHERE organisation_id = $1`, [ELDERLY_NGO]);
    }
  });

  it('shows volunteers, auditors and strangers nothing', async () => {
    const { referral } = (await create(coordinator)).data!.createReferral;
    for (const [org, role] of [[ELDERLY_NGO, Role.VOLUNTEER], [JIANWAI, Role.AUDITOR], [FAMILY_NGO, Role.STAFF]] as const) {
      const viewer = await app.loginNewMember(org, role);
      expect((await get(viewer, referral.id)).errors![0].extensions.code).toBe('NOT_FOUND');
    }
  });
});
