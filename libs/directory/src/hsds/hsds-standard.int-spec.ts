import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeOrganisation, SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';

/**
 * The examples published with the HSDS 3.0 specification (fixtures/hsds-3.0, CC BY-SA 4.0, © Open
 * Referral), imported as the standard writes them and exported back.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading HSDS JSON freely in assertions
type Problem = { path: string; code: string; message: string };
type Report = {
  total: number; created: number; updated: number; unchanged: number; failed: number; ignoredTables: string[];
  rows: { hsdsId: string | null; outcome: string; errors: Problem[]; warnings: Problem[] }[];
};

const FIXTURES = join(__dirname, 'fixtures/hsds-3.0');
const example = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const ROW = 'hsdsId outcome errors { path code message } warnings { path code message }';
const IMPORT = `mutation($json: String!) { importHsds(json: $json) { total created updated unchanged failed ignoredTables rows { ${ROW} } } }`;
const IMPORT_CSV = `mutation($files: [HsdsCsvFileInput!]!) { importHsdsCsv(files: $files) { total created updated unchanged failed ignoredTables rows { ${ROW} } } }`;
const EXPORT = `query($org: ID) { exportHsds(organisationId: $org) }`;

/** Every leaf of a JSON value as `path=value`, list positions left out (the order of a list is not compared). */
export function leaves(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, `${path}[]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [`${path}=${JSON.stringify(value)}`];
}

/** The leaves of `original` that `copy` has too (each used once), and those it lost. */
export function compareLeaves(original: unknown, copy: unknown): { kept: number; total: number; lost: string[] } {
  const have = new Map<string, number>();
  for (const leaf of leaves(copy)) have.set(leaf, (have.get(leaf) ?? 0) + 1);
  const lost: string[] = [];
  let kept = 0;
  for (const leaf of leaves(original)) {
    const n = have.get(leaf) ?? 0;
    if (n > 0) {
      have.set(leaf, n - 1);
      kept++;
    } else lost.push(leaf);
  }
  return { kept, total: leaves(original).length, lost };
}

describe('the HSDS 3.0 specification’s own examples', () => {
  let app: TestApp;
  const importJson = async (session: SignedIn, json: string) => {
    const res = await session.gql<{ importHsds: Report }>(IMPORT, { json });
    expect(res.errors).toBeUndefined();
    return res.data!.importHsds;
  };
  const exported = async (session: SignedIn, org?: string) => {
    const res = await session.gql<{ exportHsds: string }>(EXPORT, { org });
    expect(res.errors).toBeUndefined();
    return JSON.parse(res.data!.exportHsds) as Json[];
  };
  const freshOrganisation = async () => {
    const organisation = await makeOrganisation(app.db);
    return { id: organisation.id, admin: await app.loginNewMember(organisation.id, Role.COORDINATOR) };
  };

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
  });
  afterAll(() => app.close());

  it('imports the full service example as one service object, leaving out its latitude of 100 with a warning', async () => {
    const { id: organisationId, admin } = await freshOrganisation();
    const report = await importJson(admin, example('service_full.json'));
    expect(report.rows[0].errors).toEqual([]);
    expect(report).toMatchObject({ total: 1, created: 1, failed: 0 });
    const [row] = report.rows;
    expect(row).toMatchObject({ hsdsId: 'ac148810-d857-441c-9679-408f346de14b', outcome: 'CREATED', errors: [] });
    expect(row.warnings).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'service_at_locations.0.location.latitude', code: 'TOO_LARGE' }),
      expect.objectContaining({ path: 'organization.locations.0.latitude', code: 'TOO_LARGE' }),
    ]));
    const [service] = await exported(admin);
    // The +44 number (written with quotes in the example) and the 279-character document are the directory's own fields.
    expect(service.phones[0]).toMatchObject({ number: '"+44 1234 234567"', extension: 100, type: 'voice', languages: [{ code: 'ur' }] });
    const [{ phone, requiredDocuments }] = (await app.db.query(`SELECT phone, required_documents AS "requiredDocuments" FROM services WHERE hsds_id = $1 AND organisation_id = $2`,
      [row.hsdsId, organisationId]));
    expect(phone).toBe('+44 1234 234567');
    expect(requiredDocuments[0]).toHaveLength(279);
  });

  it('round-trips the full service example: import, then export, keeps at least 90 % of its leaf fields', async () => {
    const { admin } = await freshOrganisation();
    const original = JSON.parse(example('service_full.json')) as Json;
    expect((await importJson(admin, JSON.stringify(original))).created).toBe(1);
    const [copy] = await exported(admin);
    const { kept, total, lost } = compareLeaves(original, copy);
    console.log(`HSDS round trip of service_full.json: ${kept} of ${total} leaf fields kept (${((100 * kept) / total).toFixed(1)} %); lost:\n  ${lost.join('\n  ')}`);
    expect(kept / total).toBeGreaterThanOrEqual(0.9);
    for (const part of ['schedules[].until="2005-01-01"', 'schedules[].interval=1', 'schedules[].byweekno="41,42"', 'phones[].extension=100',
      'phones[].languages[].code="ur"', 'contacts[].name="Ann Persona"', 'languages[].name="Urdu"', 'cost_options[].amount=35',
      'service_areas[].extent_type="geojson"', 'attributes[].taxonomy_term.taxonomy_detail.version="version"', 'program.name="Community Mental Health Support"',
      'funding[].source', 'service_at_locations[].location.accessibility[].details']) {
      expect(lost.filter((leaf) => leaf.startsWith(part))).toEqual([]);
    }
    // Importing the export again changes nothing.
    expect(await importJson(admin, JSON.stringify(copy))).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('gives staff contacts back only to the service’s own organisation, and a confidential place’s details to no one else', async () => {
    const owner = await freshOrganisation();
    const original = JSON.parse(example('service_full.json')) as Json;
    const hidden = structuredClone(original);
    hidden.service_at_locations[0].location.attributes = [{ id: 'c1', taxonomy_term: { id: 't1', code: 'confidential', name: '保密地址', taxonomy: 'zhulian-location' } }];
    expect((await importJson(owner.admin, JSON.stringify(hidden))).created).toBe(1);
    const [own] = await exported(owner.admin);
    expect(JSON.stringify(own)).toContain('Ann Persona');
    expect(own.service_at_locations[0].location.transportation).toContain('Bus');

    const stranger = await freshOrganisation();
    const [theirs] = await exported(stranger.admin, owner.id);
    const text = JSON.stringify(theirs);
    expect(text).not.toContain('Ann Persona');
    expect(text).not.toContain('A. Persona');
    expect(text).not.toContain('1-30 Main Street');
    expect(text).not.toContain('transportation');
    expect(theirs.organization.locations).toEqual([]);
    expect(theirs.phones[0].number).toBe('"+44 1234 234567"');
    const audited: { fields: string[] }[] = await app.db.query(
      `SELECT fields FROM audit_events WHERE action = 'EXPORT' AND subject_type = 'ServiceStaffContacts' AND actor_organisation_id = $1`, [owner.id]);
    expect(audited.length).toBeGreaterThan(0);
  });

  it('imports the organization example with its nested services, and the service-at-location example', async () => {
    const { admin } = await freshOrganisation();
    expect(await importJson(admin, example('organization_full.json'))).toMatchObject({ total: 1, created: 1, failed: 0 });
    const other = await freshOrganisation();
    const report = await importJson(other.admin, example('service_at_location_full.json'));
    expect(report).toMatchObject({ total: 1, created: 1, failed: 0 });
    const [service] = await exported(other.admin);
    expect(service.service_at_locations.map((at: Json) => at.id)).toEqual(['e94c9f38-1e8f-4564-91d4-d53501ab1765']);
    expect(service.service_at_locations[0].location).toMatchObject({ name: 'MyCity Civic Center', transportation: expect.stringContaining('Bus') });
    expect(service.service_at_locations[0].location.latitude).toBeUndefined();
  });

  it('imports the tabular example as published: the tables it does not read are named, invalid values left out with warnings', async () => {
    const { admin } = await freshOrganisation();
    const files = readdirSync(join(FIXTURES, 'csv')).sort().map((name) => ({ name, csv: readFileSync(join(FIXTURES, 'csv', name), 'utf8') }));
    expect(files.length).toBeGreaterThan(20);
    const res = await admin.gql<{ importHsdsCsv: Report }>(IMPORT_CSV, { files: [...files, { name: 'datapackage.json', csv: '{}' }] });
    expect(res.errors).toBeUndefined();
    const report = res.data!.importHsdsCsv;
    expect(report).toMatchObject({ total: 1, created: 1, failed: 0 });
    expect(report.ignoredTables).toEqual(expect.arrayContaining(['organization.csv', 'contact.csv', 'language.csv', 'funding.csv', 'datapackage.json']));
    expect(report.ignoredTables).not.toContain('service.csv');
  });
});
