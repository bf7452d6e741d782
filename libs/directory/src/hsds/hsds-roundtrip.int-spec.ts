import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { makeOrganisation, SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, sampleService } from '../services/service.fixtures';
import { servicesFromTables, servicesToTables } from './hsds-tables';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading HSDS JSON freely in assertions
type Report = { total: number; created: number; updated: number; unchanged: number; failed: number; rows: { errors: unknown[] }[] };

const SAMPLE = readFileSync(join(__dirname, 'fixtures/chaoyang-services.hsds.json'), 'utf8');
const EXPORT = `query($org: ID) { exportHsds(organisationId: $org) }`;
const EXPORT_CSV = `query($org: ID) { exportHsdsCsv(organisationId: $org) { name csv } }`;
const IMPORT = `mutation($json: String!) { importHsds(json: $json) { total created updated unchanged failed rows { errors { path code } } } }`;
const IMPORT_CSV = `mutation($files: [HsdsCsvFileInput!]!) { importHsdsCsv(files: $files) { total created updated unchanged failed rows { errors { path code } } } }`;

describe('HSDS export, and export → import', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  const exported = async (session: SignedIn, org?: string) => {
    const res = await session.gql<{ exportHsds: string }>(EXPORT, { org });
    expect(res.errors).toBeUndefined();
    return { text: res.data!.exportHsds, services: JSON.parse(res.data!.exportHsds) as Json[] };
  };
  const imported = async (session: SignedIn, json: string) => {
    const res = await session.gql<{ importHsds: Report }>(IMPORT, { json });
    expect(res.errors).toBeUndefined();
    return res.data!.importHsds;
  };
  const snapshot = async (org: string) => JSON.stringify(await app.db.query(`SELECT s.*, (SELECT json_agg(l ORDER BY l.id) FROM service_locations l WHERE l.service_id = s.id) AS l,
    (SELECT json_agg(h ORDER BY h.id) FROM service_schedules h WHERE h.service_id = s.id) AS h FROM services s WHERE s.organisation_id = $1 ORDER BY s.id`, [org]));

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(DEMO.familyNgo, Role.COORDINATOR);
    const made = await coordinator.gql(CREATE_SERVICE, { input: sampleService({
      name: '临时庇护', categories: ['CHILD_PROTECTION', 'HOUSING'], eligibleNeeds: ['CHILD_PROTECTION'], eligibleRegionCodes: ['110105', '110101'],
      maxIncomePerPersonCents: 150000, minimumAge: 0, maximumAge: 17, capacity: { available: 3, maximum: 8, unit: '床位', description: '可用床位' },
      locations: [
        { name: '童心临时庇护点', address: '北京市朝阳区某小区7号楼（保密）', regionCode: '110105', latitude: 39.921135, longitude: 116.483512, confidential: true },
        { name: '童心服务社咨询室', address: '北京市朝阳区三里屯路19号院3号楼', regionCode: '110105', latitude: 39.934, longitude: 116.454, confidential: false },
      ],
      schedules: [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opensAt: '00:00', closesAt: '23:59', description: '全天接收' }],
    }) });
    expect(made.errors).toBeUndefined();
    expect((await imported(coordinator, SAMPLE)).created).toBe(4);
  });
  afterAll(() => app.close());

  it('exports each service as an HSDS 3.x service object, our criteria as taxonomy terms', async () => {
    const { services } = await exported(coordinator);
    expect(services).toHaveLength(5);
    const shelter = services[0];
    expect(shelter).toMatchObject({
      name: '临时庇护', status: 'active', organization_id: DEMO.familyNgo, minimum_age: 0, maximum_age: 17, phones: [{ number: '010-6588 1234' }],
      required_documents: [{ document: '身份证' }, { document: '居住证明' }],
      service_areas: [{ name: '朝阳区', extent: '110105', extent_type: 'text' }],
      schedules: [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00+08:00', closes_at: '23:59+08:00', description: '全天接收' }],
      capacities: [{ unit: { name: '床位' }, available: 3, maximum: 8, description: '可用床位' }],
    });
    expect(Date.parse(shelter.capacities[0].updated)).toBeGreaterThan(0);
    for (const part of [shelter, shelter.phones[0], shelter.schedules[0], shelter.service_areas[0], shelter.capacities[0], shelter.capacities[0].unit, shelter.required_documents[0]]) {
      expect(part.id).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    }
    const terms = shelter.attributes.map((a: Json) => `${a.taxonomy_term.taxonomy} ${a.taxonomy_term.code}`);
    expect(terms).toEqual([
      'zhulian-need CHILD_PROTECTION', 'zhulian-need HOUSING', 'zhulian-eligibility need:CHILD_PROTECTION',
      'zhulian-eligibility region:110105', 'zhulian-eligibility region:110101', 'zhulian-eligibility max-income-per-person:150000',
    ]);
    expect(shelter.attributes[0].taxonomy_term).toMatchObject({ name: '儿童保护', description: 'Child protection' });
    const [hidden, open] = shelter.service_at_locations.map((s: Json) => s.location);
    expect(hidden).toMatchObject({ name: '童心临时庇护点', latitude: 39.921135, longitude: 116.483512, location_type: 'physical',
      addresses: [{ address_1: '北京市朝阳区某小区7号楼（保密）', city: '北京市', state_province: '北京市', region: '朝阳区', country: 'CN', address_type: 'physical' }] });
    expect(hidden.attributes.map((a: Json) => a.taxonomy_term.code)).toEqual(['confidential', 'region:110105']);
    expect(open.attributes.map((a: Json) => a.taxonomy_term.code)).toEqual(['region:110105']);
    // HSDS types its fields: absent values are left out, never null.
    expect(JSON.stringify(services)).not.toContain('null');
    expect(services[1]).toMatchObject({ id: '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d01', name: '社区老年人助浴服务' });
  });

  it('gives the same ids every time, and round-trips: importing the export changes nothing', async () => {
    const first = await exported(coordinator);
    expect((await exported(coordinator)).text).toBe(first.text);
    const before = await snapshot(DEMO.familyNgo);
    expect(await imported(coordinator, first.text)).toMatchObject({ total: 5, created: 0, updated: 0, unchanged: 5, failed: 0 });
    expect(await snapshot(DEMO.familyNgo)).toBe(before);
  });

  it('carries a directory to another organisation whole, and that copy round-trips too', async () => {
    const { text } = await exported(coordinator);
    const other = await makeOrganisation(app.db);
    const admin = await app.loginNewMember(other.id, Role.ORG_ADMIN);
    expect(await imported(admin, text)).toMatchObject({ created: 5, failed: 0 });
    const copy = await exported(admin);
    const strip = (services: Json[]) => JSON.stringify(services, (key, value: unknown) => (key === 'id' || key === 'organization_id' || key === 'updated' ? undefined : value));
    expect(strip(copy.services)).toBe(strip(JSON.parse(text)));
    expect(await imported(admin, copy.text)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('exports a confidential place to others without its whereabouts, and audits every export', async () => {
    const stranger = await app.loginNewMember(DEMO.elderlyNgo, Role.COORDINATOR);
    const { services } = await exported(stranger, DEMO.familyNgo);
    const [hidden, open] = services[0].service_at_locations.map((s: Json) => s.location);
    expect(hidden).toEqual({ id: expect.any(String), location_type: 'physical', name: '童心临时庇护点', addresses: [],
      attributes: [expect.objectContaining({ taxonomy_term: expect.objectContaining({ code: 'confidential' }) }), expect.anything()] });
    expect(open.addresses[0].address_1).toBe('北京市朝阳区三里屯路19号院3号楼');
    const events: { subject_type: string; fields: string[] }[] = await app.db.query(
      `SELECT subject_type, fields FROM audit_events WHERE action = 'EXPORT' AND actor_organisation_id = $1`, [DEMO.elderlyNgo]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.subject_type === 'ServiceLocation')).toBe(true);
    const missing = await stranger.gql(EXPORT, { org: '0193a000-0000-7000-8000-999999999999' });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
  });

  it('exports HSDS’s CSV tables, which import back to the same services', async () => {
    const res = await coordinator.gql<{ exportHsdsCsv: { name: string; csv: string }[] }>(EXPORT_CSV, {});
    expect(res.errors).toBeUndefined();
    const files = res.data!.exportHsdsCsv;
    expect(files.map((f) => f.name)).toEqual(['services.csv', 'phones.csv', 'schedules.csv', 'service_areas.csv', 'locations.csv', 'addresses.csv',
      'service_at_locations.csv', 'required_documents.csv', 'service_capacity.csv', 'units.csv', 'attributes.csv', 'taxonomy_terms.csv']);
    const table = (name: string) => files.find((f) => f.name === name)!.csv.trim().split('\n');
    expect(table('services.csv')[0]).toBe('id,organization_id,name,alternate_name,description,url,email,status,interpretation_services,application_process,fees_description,eligibility_description,minimum_age,maximum_age');
    expect(table('services.csv')).toHaveLength(6);
    expect(table('service_capacity.csv')[0]).toBe('id,service_id,unit_id,available,maximum,description,updated');
    expect(table('service_capacity.csv')).toHaveLength(1 + 4);

    const before = await snapshot(DEMO.familyNgo);
    const back = await coordinator.gql<{ importHsdsCsv: Report }>(IMPORT_CSV, { files });
    expect(back.errors).toBeUndefined();
    expect(back.data!.importHsdsCsv).toMatchObject({ total: 5, created: 0, updated: 0, unchanged: 5, failed: 0 });
    expect(await snapshot(DEMO.familyNgo)).toBe(before);

    const other = await makeOrganisation(app.db);
    const admin = await app.loginNewMember(other.id, Role.COORDINATOR);
    expect((await admin.gql<{ importHsdsCsv: Report }>(IMPORT_CSV, { files })).data!.importHsdsCsv).toMatchObject({ created: 5, failed: 0 });
    // The tables carry less than the JSON (a phone's languages, a service's funding): the copy holds what they carry.
    const viaTables = (services: Json[]) => JSON.stringify(servicesFromTables(servicesToTables(services)).services,
      (key, value: unknown) => (key === 'id' || key.endsWith('_id') || key === 'updated' ? undefined : value));
    expect(viaTables((await exported(admin)).services)).toBe(viaTables((await exported(coordinator)).services));
  });

  it('quotes cells that a spreadsheet would run as formulas, and reads them back as they were', async () => {
    const owner = await makeOrganisation(app.db);
    const admin = await app.loginNewMember(owner.id, Role.COORDINATOR);
    const created = await admin.gql(`mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`, {
      input: { name: '=HYPERLINK("http://evil.example","点此")', description: '+86 10 6512 3456 咨询', categories: ['ELDERLY_CARE'] } });
    expect(created.errors).toBeUndefined();
    const files = (await admin.gql<{ exportHsdsCsv: { name: string; csv: string }[] }>(EXPORT_CSV, {})).data!.exportHsdsCsv;
    const services = files.find((f) => f.name === 'services.csv')!.csv;
    expect(services).toContain(`"'=HYPERLINK(""http://evil.example"",""点此"")"`);
    expect(services).toContain(`'+86 10 6512 3456 咨询`);
    const copy = await app.loginNewMember((await makeOrganisation(app.db)).id, Role.COORDINATOR);
    expect((await copy.gql<{ importHsdsCsv: Report }>(IMPORT_CSV, { files })).data!.importHsdsCsv).toMatchObject({ created: 1, failed: 0 });
    const back = await copy.gql<{ services: { edges: { node: { name: string; description: string } }[] } }>(`{ services(first: 100) { edges { node { name description } } } }`);
    expect(back.data!.services.edges.map((e) => e.node)).toContainEqual({ name: '=HYPERLINK("http://evil.example","点此")', description: '+86 10 6512 3456 咨询' });
  });

  it('refuses CSV that is not HSDS tables', async () => {
    const bad = await coordinator.gql(IMPORT_CSV, { files: [{ name: 'locations.csv', csv: 'id,name\n1,x\n' }] });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HSDS_CSV_NO_SERVICES' });
    const broken = await coordinator.gql(IMPORT_CSV, { files: [{ name: 'services.csv', csv: 'id,name,status\n"1,x\n' }] });
    expect(broken.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HSDS_CSV_INVALID', field: 'files.0.csv' });
    const named = await coordinator.gql(IMPORT_CSV, { files: [{ name: '../services.csv', csv: 'id' }] });
    expect(named.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'files.0.name' });
  });
});
