import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { Client } from 'pg';
import { DirectoryModule } from '../directory.module';
import { DEMO } from './service.fixtures';

/** N+1 guard: a page of services costs the same number of SQL statements whatever its size. */
describe('SQL statements per directory request', () => {
  let app: TestApp;
  let viewer: SignedIn;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    const coordinator = await app.loginNewMember(DEMO.elderlyNgo, Role.COORDINATOR);
    const services = Array.from({ length: 110 }, (_, i) => ({
      id: `svc-${i}`, name: `服务 ${i}`, status: 'active',
      service_at_locations: [0, 1].map((j) => ({ id: `sal-${i}-${j}`, location: { id: `loc-${i}-${j}`, name: `地点 ${j}`, latitude: 39.9, longitude: 116.4,
        addresses: [{ address_1: `朝阳区某路${i}号` }], attributes: j === 1 ? [{ id: 'c', taxonomy_term: { code: 'confidential', taxonomy: 'zhulian-location' } }] : [] } })),
      schedules: [{ id: `sch-${i}`, freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '17:00' }],
    }));
    for (const batch of [services.slice(0, 100), services.slice(100)]) {
      const res = await coordinator.gql<{ importHsds: { created: number } }>(`mutation($json: String!) { importHsds(json: $json) { created } }`, { json: JSON.stringify(batch) });
      expect(res.data!.importHsds.created).toBe(batch.length);
    }
    viewer = await app.loginNewMember(DEMO.charity, Role.STAFF);
  });
  afterAll(() => app.close());

  async function statementsFor(first: number): Promise<number> {
    const spy = jest.spyOn(Client.prototype, 'query');
    try {
      const res = await viewer.gql<{ services: { edges: unknown[] } }>(
        `query($first: Int) { services(first: $first) { edges { node { id name capacity { available }
           locations { id name address latitude longitude confidential } schedules { id opensAt } } } } servicesCount }`, { first });
      expect(res.data!.services.edges).toHaveLength(first);
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('is the same for 10 and for 100 services, their places and schedules nested, reads, denials and audit included', async () => {
    const ten = await app.withoutAuditLinking(() => statementsFor(10));
    expect(await app.withoutAuditLinking(() => statementsFor(100))).toBe(ten);
    // the session and actor (1), the page (1), the count (1), the places (1), the schedules (1), and the
    // places' reads and denials recorded for the audit trail (1; linked into the chain a moment later)
    expect(ten).toBe(6);
  });
});
