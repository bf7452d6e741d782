import { CasesModule } from '@zhulian/cases';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { makeCase, makeConsent, makePerson, makeReferral, makeService, SignedIn, TestApp } from '@zhulian/testing';
import { ReferralsModule } from '../referrals.module';

const ELDERLY_NGO = '0193a000-0000-7000-8000-000000000004';

describe('FHIR R4: a referral as Task and ServiceRequest', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let ngo: SignedIn;
  let referralId: string;
  let personId: string;
  const fetchAs = (session: SignedIn | null, path: string) =>
    fetch(`${app.url}${path}`, { headers: session ? { authorization: `Bearer ${session.accessToken}` } : {} });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIR JSON, checked field by field below
  const json = async (res: Response): Promise<any> => res.json();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, RegistryModule, CasesModule, ReferralsModule], seed: seedIdentityDemo });
    coordinator = await app.login('jianwai@zhulian.demo');
    ngo = await app.login('ngo@zhulian.demo');
    personId = (await makePerson(coordinator, { fullName: '常玉梅', birthDate: '1950-01-01' })).id;
    const opened = await makeCase(coordinator, personId, { needs: ['ELDERLY_CARE', 'MEDICAL'] });
    await makeConsent(coordinator, { personId, recipientOrganisationId: ELDERLY_NGO, categories: ['basic', 'contact'] });
    const { id: serviceId } = await makeService(app.db, ELDERLY_NGO, { name: '长者助餐', categories: [] });
    referralId = (await makeReferral(coordinator, { caseId: opened.id, serviceId, urgency: 'HIGH', noteForReceiver: '需要送餐' })).id;
  });
  afterAll(() => app.close());

  it('gives the sender the Task in the SDOH Clinical Care shape, naming the patient', async () => {
    const res = await fetchAs(coordinator, `/fhir/Task/${referralId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(await json(res)).toMatchObject({
      resourceType: 'Task', id: referralId, status: 'requested', intent: 'order', priority: 'urgent',
      meta: { profile: ['http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement'] },
      focus: { reference: `ServiceRequest/${referralId}` }, for: { reference: `Patient/${personId}`, display: '常玉梅' },
      requester: { display: '朝阳区建外街道办事处' }, owner: { reference: `Organization/${ELDERLY_NGO}` },
    });
    const request = await json(await fetchAs(coordinator, `/fhir/ServiceRequest/${referralId}`));
    expect(request).toMatchObject({ resourceType: 'ServiceRequest', status: 'active', code: { text: '长者助餐' }, note: [{ text: '需要送餐' }],
      category: [{ coding: [{ code: 'ELDERLY_CARE' }] }, { coding: [{ code: 'MEDICAL' }] }] });
  });

  it('leaves the patient out for the receiver until it accepts, under the same rules as the API', async () => {
    const before = await json(await fetchAs(ngo, `/fhir/Task/${referralId}`));
    expect(before.for).toBeUndefined();
    expect(before.status).toBe('requested');
    const [denied] = await app.db.query(`SELECT fields FROM audit_events WHERE action = 'DENY' AND subject_id = $1 AND actor_user_id = $2`, [referralId, ngo.userId]);
    expect(denied.fields).toEqual(['person']);
    await ngo.gql(`mutation($input: MoveReferralInput!) { moveReferral(input: $input) { id } }`, { input: { referralId, status: 'ACCEPTED' } });
    const after = await json(await fetchAs(ngo, `/fhir/Task/${referralId}`));
    expect(after).toMatchObject({ status: 'accepted', for: { reference: `Patient/${personId}`, display: '常玉梅' } });
  });

  it('answers strangers, the signed-out and bad ids with an OperationOutcome', async () => {
    const stranger = await app.login('charity@zhulian.demo');
    const hidden = await fetchAs(stranger, `/fhir/Task/${referralId}`);
    expect(hidden.status).toBe(404);
    expect(await json(hidden)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    const signedOut = await fetchAs(null, `/fhir/Task/${referralId}`);
    expect([signedOut.status, (await json(signedOut)).issue[0].code]).toEqual([401, 'login']);
    const bad = await fetchAs(coordinator, `/fhir/Task/not-an-id`);
    expect([bad.status, (await json(bad)).resourceType]).toEqual([400, 'OperationOutcome']);
  });

  it('lets a partner system poll the Tasks it is party to: a searchset Bundle under the same rules, a page at a time', async () => {
    const inbox = await json(await fetchAs(ngo, `/fhir/Task?owner=Organization/${ELDERLY_NGO}&status=accepted,requested`));
    expect(inbox).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(inbox.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([referralId]);
    expect(inbox.entry[0]).toMatchObject({ fullUrl: expect.stringMatching(new RegExp(`/fhir/Task/${referralId}$`)), search: { mode: 'match' },
      resource: { resourceType: 'Task', status: 'accepted', owner: { reference: `Organization/${ELDERLY_NGO}` } } });
    // Nothing by another status, and nothing of a referral the caller is no party to.
    expect((await json(await fetchAs(ngo, `/fhir/Task?status=completed`))).entry).toEqual([]);
    const stranger = await app.login('charity@zhulian.demo');
    expect((await json(await fetchAs(stranger, `/fhir/Task?owner=Organization/${ELDERLY_NGO}`))).entry).toEqual([]);
    // The sender finds it by requester, a page at a time.
    const JIANWAI = '0193a000-0000-7000-8000-000000000002';
    const first = await json(await fetchAs(coordinator, `/fhir/Task?requester=Organization/${JIANWAI}&_count=1`));
    expect(first.entry).toHaveLength(1);
    expect(first.link.find((l: { relation: string }) => l.relation === 'next')).toBeUndefined();
    // Bad parameters: an OperationOutcome, never a 500.
    for (const query of ['status=nonsense', 'owner=Patient/x', '_count=0', 'subject=Patient/1', 'status=accepted&status=requested']) {
      const res = await fetchAs(ngo, `/fhir/Task?${query}`);
      expect([query, res.status, (await json(res)).issue[0].code]).toEqual([query, 400, 'invalid']);
    }
    expect((await fetchAs(null, `/fhir/Task`)).status).toBe(401);
  });

  it('describes itself to anyone as a CapabilityStatement', async () => {
    const res = await fetchAs(null, '/fhir/metadata');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1',
      rest: [{ mode: 'server', resource: [{ type: 'Task', interaction: [{ code: 'read' }, { code: 'search-type' }] }, { type: 'ServiceRequest' }] }] });
  });
});
