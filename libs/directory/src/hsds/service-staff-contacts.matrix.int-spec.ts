import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sensitiveFieldsOf } from '@zhulian/access';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeOrganisation, SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { ServiceStaffContacts } from '../services/service.type';

/**
 * The access matrix for ServiceStaffContacts (the people an HSDS file names as a service's staff),
 * generated from its declarations: every viewer × every declared field × the one path that gives them
 * out, the HSDS export. The owner's members get them back; everyone else gets the service without them.
 */
type Viewer = { org: 'owner' | 'other'; role: Role };
const VIEWERS: Record<string, Viewer> = {
  'the owner’s org admin': { org: 'owner', role: Role.ORG_ADMIN },
  'the owner’s coordinator': { org: 'owner', role: Role.COORDINATOR },
  'the owner’s staff': { org: 'owner', role: Role.STAFF },
  'the owner’s caseworker': { org: 'owner', role: Role.CASEWORKER },
  'the owner’s volunteer': { org: 'owner', role: Role.VOLUNTEER },
  'the owner’s auditor': { org: 'owner', role: Role.AUDITOR },
  'a coordinator of another organisation': { org: 'other', role: Role.COORDINATOR },
  'a caseworker of another organisation': { org: 'other', role: Role.CASEWORKER },
  'a volunteer of another organisation': { org: 'other', role: Role.VOLUNTEER },
};

const FIELDS = [...sensitiveFieldsOf(ServiceStaffContacts)].map(([field, d]) => ({ field, category: d.category }));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading HSDS JSON freely in assertions
/** Where each protected field shows in an exported service object: every person the file named, wherever it named them. */
const IN_EXPORT: Record<string, (service: Json) => unknown> = {
  contacts: (service) => JSON.stringify(service).match(/Ann Persona|A\. Persona/g) ?? null,
};
const SERVICE_FULL = readFileSync(join(__dirname, 'fixtures/hsds-3.0/service_full.json'), 'utf8');

describe('the access matrix for ServiceStaffContacts', () => {
  let app: TestApp;
  let ownerId: string;
  const sessions = new Map<string, SignedIn>();

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    const [owner, other] = [await makeOrganisation(app.db), await makeOrganisation(app.db)];
    ownerId = owner.id;
    for (const [name, viewer] of Object.entries(VIEWERS)) {
      sessions.set(name, await app.loginNewMember(viewer.org === 'owner' ? owner.id : other.id, viewer.role));
    }
    const imported = await sessions.get('the owner’s coordinator')!.gql<{ importHsds: { created: number } }>(
      `mutation($json: String!) { importHsds(json: $json) { created } }`, { json: SERVICE_FULL });
    expect(imported.data!.importHsds.created).toBe(1);
  });
  afterAll(() => app.close());

  it('knows where the export puts each protected field', () => {
    for (const { field, category } of FIELDS) if (category !== 'none') expect([field, typeof IN_EXPORT[field]]).toEqual([field, 'function']);
  });

  describe.each(Object.keys(VIEWERS))('%s', (viewer) => {
    it('exportHsds: the staff contacts to the owner’s members only', async () => {
      const session = sessions.get(viewer)!;
      const res = await session.gql<{ exportHsds: string }>(`query($org: ID) { exportHsds(organisationId: $org) }`, { org: ownerId });
      expect(res.errors).toBeUndefined();
      const [service] = JSON.parse(res.data!.exportHsds) as Json[];
      const owns = VIEWERS[viewer].org === 'owner';
      for (const { field, category } of FIELDS.filter((f) => f.category !== 'none')) {
        expect([field, category, IN_EXPORT[field](service) !== null]).toEqual([field, category, owns]);
      }
      // The service's own telephone and e-mail are the directory's, not a person's: everyone gets them.
      expect(service).toMatchObject({ email: 'email@example.com', phones: [expect.objectContaining({ number: '"+44 1234 234567"' })] });
    });
  });
});
