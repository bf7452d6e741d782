import { Module } from '@nestjs/common';
import { sensitiveFieldsOf } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeOrganisation, SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, sampleService, ServiceResult, UPDATE_SERVICE } from './service.fixtures';
import { provideAcceptedReferralToMe } from './service.rules';
import { ServiceLocation } from './service.type';

/**
 * The access matrix for ServiceLocation, generated from its declarations: every viewer × every declared
 * field × a confidential and an ordinary place × every path (look-up, list, filtered list, mutation
 * result). A new field gets its expectation from its category and needs a fixture value.
 */
/** As the referrals lib does: an organisation whose referral to a service was accepted (here: listed in a table of the test's own). */
@Module({
  imports: [DirectoryModule],
  providers: [provideAcceptedReferralToMe(`EXISTS (SELECT 1 FROM matrix_accepted a WHERE a.service_id = s.id AND a.organisation_id = :actingOrganisation)`)],
})
class AcceptedReferralsForTest {}

type Viewer = { org: 'owner' | 'other' | 'referrer'; role: Role };
const VIEWERS: Record<string, Viewer> = {
  'the owner’s org admin': { org: 'owner', role: Role.ORG_ADMIN },
  'the owner’s coordinator': { org: 'owner', role: Role.COORDINATOR },
  'the owner’s staff': { org: 'owner', role: Role.STAFF },
  'the owner’s caseworker': { org: 'owner', role: Role.CASEWORKER },
  'the owner’s volunteer': { org: 'owner', role: Role.VOLUNTEER },
  'the owner’s auditor': { org: 'owner', role: Role.AUDITOR },
  'a platform admin acting for the owner': { org: 'owner', role: Role.PLATFORM_ADMIN },
  'a coordinator of another organisation': { org: 'other', role: Role.COORDINATOR },
  'a caseworker of another organisation': { org: 'other', role: Role.CASEWORKER },
  'a volunteer of another organisation': { org: 'other', role: Role.VOLUNTEER },
  'a coordinator whose referral to the service was accepted': { org: 'referrer', role: Role.COORDINATOR },
  'a volunteer of that referring organisation': { org: 'referrer', role: Role.VOLUNTEER },
};

const PLACES = {
  confidential: { name: '童心临时庇护点', address: '北京市朝阳区某小区7号楼（保密）', regionCode: '110105', latitude: 39.921135, longitude: 116.483512, confidential: true },
  ordinary: { name: '童心服务社咨询室', address: '北京市朝阳区三里屯路19号院3号楼', regionCode: '110105', latitude: 39.934, longitude: 116.454, confidential: false },
} as const;
type Place = keyof typeof PLACES;

const FIELDS = [...sensitiveFieldsOf(ServiceLocation)].map(([field, d]) => ({ field, category: d.category }));
/** Where each protected field of a place appears in an HSDS export's location object. */
type HsdsLocation = { name?: string; latitude?: number; longitude?: number; addresses: { address_1: string }[] };
const IN_EXPORT: Record<string, (location: HsdsLocation) => unknown> = {
  address: (l) => l.addresses[0]?.address_1 ?? null,
  latitude: (l) => l.latitude ?? null,
  longitude: (l) => l.longitude ?? null,
};
const SELECTION = `id name locations { ${FIELDS.map((f) => f.field).join(' ')} }`;

describe('the access matrix for ServiceLocation', () => {
  let app: TestApp;
  let serviceId: string;
  let owner: SignedIn;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule, AcceptedReferralsForTest], seed: async (tx) => {
      await seedIdentityDemo(tx);
      await tx.query(`CREATE TABLE matrix_accepted (service_id uuid, organisation_id uuid)`);
    } });
    const other = await makeOrganisation(app.db);
    const referrer = await makeOrganisation(app.db, { kind: 'GOVERNMENT_OFFICE' });
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      const organisationId = { owner: DEMO.familyNgo, other: other.id, referrer: referrer.id }[viewer.org];
      sessions.set(name, await app.loginNewMember(organisationId, viewer.role));
    }
    owner = sessions.get('the owner’s coordinator')!;
    const created = await owner.gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService({ name: '临时庇护', locations: [PLACES.confidential, PLACES.ordinary] }) });
    expect(created.errors).toBeUndefined();
    serviceId = created.data!.createService.id;
    // As the referrals lib will: the referring organisation's referral to this service was accepted.
    await app.db.query(`INSERT INTO matrix_accepted VALUES ($1, $2)`, [serviceId, referrer.id]);
  });
  afterAll(() => app.close());

  it('has a fixture value for every declared field, and knows where the export puts each protected one', () => {
    for (const { field } of FIELDS) expect([field, PLACES.confidential[field as keyof typeof PLACES.confidential] !== undefined || field === 'id']).toEqual([field, true]);
    for (const { field, category } of FIELDS) if (category !== 'none') expect([field, typeof IN_EXPORT[field]]).toEqual([field, 'function']);
  });

  const expected = (viewer: string, place: Place, field: string, category: string): unknown => {
    if (field === 'id') return expect.any(String);
    const value = PLACES[place][field as keyof (typeof PLACES)[Place]];
    if (category === 'none') return value;
    const sees = VIEWERS[viewer].org !== 'other' || !PLACES[place].confidential;
    return sees ? value : null;
  };
  const expectPlaces = (viewer: string, locations: Record<string, unknown>[]) => {
    const places: Place[] = ['confidential', 'ordinary'];
    expect(locations).toHaveLength(2);
    locations.forEach((location, i) => {
      for (const { field, category } of FIELDS) expect([places[i], field, location[field]]).toEqual([places[i], field, expected(viewer, places[i], field, category)]);
    });
  };
  const deniedPaths = (res: { extensions?: Record<string, unknown> }) => ((res.extensions?.access as { denied?: { path: string }[] })?.denied ?? []).map((d) => d.path).sort();
  const expectedDenials = (viewer: string, prefix: string) =>
    VIEWERS[viewer].org === 'other' ? FIELDS.filter((f) => f.category !== 'none').map((f) => `${prefix}.locations.0.${f.field}`).sort() : [];

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    it('service(id): exactly the allowed values, the rest null and named', async () => {
      const res = await sessions.get(viewer)!.gql<{ service: { locations: Record<string, unknown>[] } }>(`query($id: ID!) { service(id: $id) { ${SELECTION} } }`, { id: serviceId });
      expect(res.errors).toBeUndefined();
      expectPlaces(viewer, res.data!.service.locations);
      expect(deniedPaths(res)).toEqual(expectedDenials(viewer, 'service'));
    });

    it('services list and filtered list: the same', async () => {
      const res = await sessions.get(viewer)!.gql<{ all: { edges: { node: { id: string; locations: Record<string, unknown>[] } }[] }; mine: { edges: { node: { id: string } }[] } }>(
        `query($org: ID) { all: services(first: 100) { edges { node { ${SELECTION} } } }
           mine: services(filter: { organisationId: $org, category: "ELDERLY_CARE", regionCode: "110105", hasCapacity: true, search: "临时庇护" }) { edges { node { id } } } }`,
        { org: DEMO.familyNgo });
      expect(res.errors).toBeUndefined();
      expect(res.data!.all.edges).toHaveLength(1);
      expectPlaces(viewer, res.data!.all.edges[0].node.locations);
      expect(res.data!.mine.edges.map((e) => e.node.id)).toEqual([serviceId]);
      expect(deniedPaths(res)).toEqual(expectedDenials(viewer, 'all.edges.0.node'));
    });

    it('exportHsds: the same whereabouts, or none', async () => {
      const res = await sessions.get(viewer)!.gql<{ exportHsds: string }>(`query($org: ID) { exportHsds(organisationId: $org) }`, { org: DEMO.familyNgo });
      expect(res.errors).toBeUndefined();
      const [service] = JSON.parse(res.data!.exportHsds) as { service_at_locations: { location: HsdsLocation }[] }[];
      const places: Place[] = ['confidential', 'ordinary'];
      service.service_at_locations.forEach(({ location }, i) => {
        expect(location.name).toBe(PLACES[places[i]].name);
        for (const { field, category } of FIELDS.filter((f) => f.category !== 'none')) {
          expect([places[i], field, IN_EXPORT[field](location)]).toEqual([places[i], field, expected(viewer, places[i], field, category)]);
        }
      });
    });
  });

  it('answers the owner’s mutations with everything, and others’ refused mutations with nothing', async () => {
    const current = await owner.gql<{ service: ServiceResult }>(`query($id: ID!) { service(id: $id) { id version locations { id } } }`, { id: serviceId });
    const { version, locations } = current.data!.service;
    const input = { ...sampleService({ name: '临时庇护', locations: [{ ...PLACES.confidential, id: locations[0].id }, { ...PLACES.ordinary, id: locations[1].id }] }), serviceId, version };
    const res = await owner.gql<{ updateService: { locations: Record<string, unknown>[] } }>(`mutation($input: UpdateServiceInput!) { updateService(input: $input) { ${SELECTION} } }`, { input });
    expect(res.errors).toBeUndefined();
    expectPlaces('the owner’s coordinator', res.data!.updateService.locations);
    const stranger = await sessions.get('a coordinator of another organisation')!.gql(UPDATE_SERVICE, { input: { ...input, version: version + 1 } });
    expect(stranger.data).toBeNull();
    expect(stranger.errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
