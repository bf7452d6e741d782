import { Module } from '@nestjs/common';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, LOCATION_FIELDS, sampleService, ServiceResult } from './service.fixtures';
import { provideAcceptedReferralToMe } from './service.rules';

/** As the referrals lib does: an organisation whose referral to a service was accepted (here: listed in a table of the test's own). */
@Module({
  imports: [DirectoryModule],
  providers: [provideAcceptedReferralToMe(`EXISTS (SELECT 1 FROM directory_test_accepted a WHERE a.service_id = s.id AND a.organisation_id = :actingOrganisation)`)],
})
class AcceptedReferralsForTest {}

type Location = ServiceResult['locations'][number];
type Denied = { path: string; reason: string }[];

const SHELTER = { name: '童心临时庇护点', address: '北京市朝阳区某小区（地址保密）', regionCode: '110105', latitude: 39.921135, longitude: 116.483512, confidential: true };
const OFFICE = { name: '童心服务社咨询室', address: '北京市朝阳区三里屯路19号院3号楼', regionCode: '110105', latitude: 39.934, longitude: 116.454, confidential: false };

describe('confidential places', () => {
  let app: TestApp;
  let owner: SignedIn;
  let serviceId: string;
  const look = (session: SignedIn) => session.gql<{ service: { locations: Location[] } }>(`query($id: ID!) { service(id: $id) { locations { ${LOCATION_FIELDS} } } }`, { id: serviceId });
  const denied = (res: { extensions?: Record<string, unknown> }) => ((res.extensions?.access as { denied?: Denied } | undefined)?.denied ?? []).map((d) => d.path).sort();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule, AcceptedReferralsForTest], seed: async (tx) => {
      await seedIdentityDemo(tx);
      await tx.query(`CREATE TABLE directory_test_accepted (service_id uuid, organisation_id uuid)`);
    } });
    owner = await app.loginNewMember(DEMO.familyNgo, Role.COORDINATOR);
    const res = await owner.gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService({
      name: '临时庇护', categories: ['CHILD_PROTECTION', 'HOUSING'], minimumAge: 0, maximumAge: 17, capacity: { available: 3, maximum: 8, unit: '床位' },
      locations: [SHELTER, OFFICE],
    }) });
    expect(res.errors).toBeUndefined();
    serviceId = res.data!.createService.id;
    expect(res.data!.createService.locations).toMatchObject([SHELTER, OFFICE]);
  });
  afterAll(() => app.close());

  it('shows the owning organisation’s members where the place is, whatever their role', async () => {
    for (const session of [owner, await app.loginNewMember(DEMO.familyNgo, Role.STAFF), await app.loginNewMember(DEMO.familyNgo, Role.VOLUNTEER)]) {
      const res = await look(session);
      expect(res.data!.service.locations).toMatchObject([SHELTER, OFFICE]);
      expect(denied(res)).toEqual([]);
    }
  });

  it('shows others that the place exists, not where: null and named in extensions', async () => {
    const other = await app.loginNewMember(DEMO.elderlyNgo, Role.COORDINATOR);
    const res = await look(other);
    expect(res.errors).toBeUndefined();
    expect(res.data!.service.locations).toEqual([
      { id: expect.any(String), name: SHELTER.name, address: null, regionCode: '110105', latitude: null, longitude: null, confidential: true },
      { id: expect.any(String), ...OFFICE },
    ]);
    expect(denied(res)).toEqual(['service.locations.0.address', 'service.locations.0.latitude', 'service.locations.0.longitude']);
    const [event] = await app.db.query(`SELECT fields FROM audit_events WHERE action = 'DENY' AND subject_type = 'ServiceLocation' AND actor_organisation_id = $1`, [DEMO.elderlyNgo]);
    expect(event.fields).toEqual(['address', 'latitude', 'longitude']);
  });

  it('withholds the same in lists and in mutation answers', async () => {
    const other = await app.loginNewMember(DEMO.jianwai, Role.CASEWORKER);
    const list = await other.gql<{ services: { edges: { node: { id: string; locations: Location[] } }[] } }>(`{ services { edges { node { id locations { ${LOCATION_FIELDS} } } } } }`);
    const node = list.data!.services.edges.find((e) => e.node.id === serviceId)!.node;
    expect(node.locations.map((l) => l.address)).toEqual([null, OFFICE.address]);
    expect(denied(list)).toEqual(['services.edges.0.node.locations.0.address', 'services.edges.0.node.locations.0.latitude', 'services.edges.0.node.locations.0.longitude']);
    // A coordinator elsewhere making a service of their own never sees another's shelter through it.
    const made = await (await app.loginNewMember(DEMO.charity, Role.COORDINATOR)).gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService({ locations: [{ ...SHELTER, name: '自己的庇护点' }] }) });
    expect(made.data!.createService.locations[0].address).toBe(SHELTER.address);
  });

  it('records each read of a place’s whereabouts with its grounds', async () => {
    await look(owner);
    const events: { grounds: { rule: string } }[] = await app.db.query(
      `SELECT grounds FROM audit_events WHERE action = 'READ' AND subject_type = 'ServiceLocation' AND actor_user_id = $1`, [owner.userId]);
    expect(events.map((e) => e.grounds.rule).sort()).toEqual(expect.arrayContaining(['own-service']));
  });

  it('lets the referrals lib open a shelter’s whereabouts to an organisation whose referral was accepted', async () => {
    const sender = await app.loginNewMember(DEMO.jianwai, Role.COORDINATOR);
    expect((await look(sender)).data!.service.locations[0].address).toBeNull();
    await app.db.query(`INSERT INTO directory_test_accepted VALUES ($1, $2)`, [serviceId, DEMO.jianwai]);
    const res = await look(sender);
    expect(res.data!.service.locations[0]).toMatchObject(SHELTER);
    expect(denied(res)).toEqual([]);
    expect((await look(await app.loginNewMember(DEMO.sanlitun, Role.COORDINATOR))).data!.service.locations[0].address).toBeNull();
  });
});
