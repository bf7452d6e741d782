import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { DEMO, SERVICE_FIELDS, ServiceResult } from '../services/service.fixtures';

const SAMPLE = readFileSync(join(__dirname, 'fixtures/chaoyang-services.hsds.json'), 'utf8');
const sample = () => JSON.parse(SAMPLE) as { contents: Record<string, unknown>[] };

type Report = {
  total: number; created: number; updated: number; unchanged: number; failed: number; dryRun: boolean;
  rows: { index: number; hsdsId: string | null; serviceId: string | null; outcome: string; errors: { path: string; code: string; message: string }[];
    warnings: { path: string; code: string; message: string }[] }[];
};
const IMPORT = `mutation($json: String!, $dryRun: Boolean) { importHsds(json: $json, dryRun: $dryRun) {
  total created updated unchanged failed dryRun rows { index hsdsId serviceId outcome errors { path code message } warnings { path code message } } } }`;

/** A plain, valid HSDS service with the given changes. */
const row = (id: string, changes: Record<string, unknown> = {}) => ({ id, name: `服务 ${id}`, status: 'active', ...changes });

describe('importing HSDS JSON', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  const importJson = async (session: SignedIn, json: unknown, dryRun?: boolean) => {
    const res = await session.gql<{ importHsds: Report }>(IMPORT, { json: typeof json === 'string' ? json : JSON.stringify(json), dryRun });
    return res;
  };
  const report = async (json: unknown, dryRun?: boolean) => {
    const res = await importJson(coordinator, json, dryRun);
    expect(res.errors).toBeUndefined();
    return res.data!.importHsds;
  };
  const byHsdsId = async (session: SignedIn, hsdsId: string) => {
    const [found] = await app.db.query(`SELECT id FROM services WHERE hsds_id = $1 AND organisation_id = $2`, [hsdsId, DEMO.elderlyNgo]);
    return (await session.gql<{ service: ServiceResult }>(`query($id: ID!) { service(id: $id) { ${SERVICE_FIELDS} } }`, { id: found.id })).data!.service;
  };
  const snapshot = async () => JSON.stringify(await app.db.query(`SELECT s.*, (SELECT json_agg(l ORDER BY l.id) FROM service_locations l WHERE l.service_id = s.id) AS l,
    (SELECT json_agg(h ORDER BY h.id) FROM service_schedules h WHERE h.service_id = s.id) AS h FROM services s ORDER BY s.id`));

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(DEMO.elderlyNgo, Role.COORDINATOR);
  });
  afterAll(() => app.close());

  it('imports a page of the HSDS API with what the directory keeps of each service', async () => {
    const result = await report(SAMPLE);
    expect(result).toMatchObject({ total: 4, created: 4, updated: 0, unchanged: 0, failed: 0, dryRun: false });
    expect(result.rows.map((r) => [r.index, r.outcome, r.errors])).toEqual([[0, 'CREATED', []], [1, 'CREATED', []], [2, 'CREATED', []], [3, 'CREATED', []]]);

    const bathing = await byHsdsId(coordinator, '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d01');
    expect(bathing).toMatchObject({
      name: '社区老年人助浴服务', alternateName: '爱心助浴', status: 'ACTIVE', minimumAge: 60, maximumAge: null, url: 'https://www.example.org.cn/services/bathing',
      email: 'zhuyu@example.org.cn', phone: '010-8599 2210', categories: ['ELDERLY_CARE', 'DISABILITY'], eligibleRegionCodes: ['110105'], eligibleNeeds: [],
      serviceAreaCodes: ['110105'], requiredDocuments: ['老人身份证', '老年人能力评估报告'],
    });
    expect(bathing).toMatchObject({
      feesDescription: '每次收费80元；持有低保、特困证明的老人免费。', organisationId: DEMO.elderlyNgo, hsdsId: '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d01', version: 1,
      capacity: { available: 14, maximum: 30, unit: '人次/周', description: '本周剩余可预约的上门助浴人次', updatedAt: '2026-11-27T00:00:00.000Z' },
      locations: [{ name: '劲松街道养老服务驿站', address: '北京市朝阳区劲松三区甲302号楼一层', regionCode: '110105', latitude: 39.884312, longitude: 116.461875, confidential: false }],
    });
    // Times with an offset become Beijing time: 01:00Z is 09:00 in Beijing.
    expect(bathing.schedules.map((s) => [s.freq, s.byday, s.opensAt, s.closesAt])).toEqual([['WEEKLY', 'MO,WE,FR', '09:00', '16:30'], ['MONTHLY', '1SA', '09:00', '15:00']]);

    const rehab = await byHsdsId(coordinator, '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d02');
    expect(rehab).toMatchObject({ minimumAge: 0, maximumAge: 14, maxIncomePerPersonCents: 290000, eligibleNeeds: ['DISABILITY'], serviceAreaCodes: ['110000'],
      capacity: { available: 0, maximum: 25, unit: '名额' }, locations: [{ latitude: 39.9512, longitude: 116.4435, regionCode: null }] });
    const shelter = await byHsdsId(coordinator, '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d03');
    expect(shelter.locations[0]).toMatchObject({ name: '朝阳区临时庇护所', confidential: true, address: '北京市朝阳区（地址保密，经转介告知）某社区12号楼' });
    const stranger = await app.loginNewMember(DEMO.familyNgo, Role.COORDINATOR);
    expect((await stranger.gql<{ service: ServiceResult }>(`query($id: ID!) { service(id: $id) { locations { address latitude confidential } } }`, { id: shelter.id }))
      .data!.service.locations).toEqual([{ address: null, latitude: null, confidential: true }]);
    const training = await byHsdsId(coordinator, '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d04');
    expect(training).toMatchObject({ status: 'TEMPORARILY_CLOSED', capacity: null, locations: [], serviceAreaCodes: ['110105', '110101'], eligibleNeeds: ['EMPLOYMENT'] });

    const events: { fields: string[]; grounds: Record<string, string> }[] = await app.db.query(
      `SELECT fields, grounds FROM audit_events WHERE action = 'CHANGE' AND subject_type = 'Service' ORDER BY position`);
    expect(events).toHaveLength(4);
    expect(events[0].grounds).toEqual({ role: 'COORDINATOR', via: 'hsds-import' });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const again = await report(SAMPLE);
    expect(again).toMatchObject({ total: 4, created: 0, updated: 0, unchanged: 4, failed: 0 });
    expect(await snapshot()).toBe(before);
  });

  it('updates only the services whose data changed, keeping their places', async () => {
    const file = sample();
    file.contents[0].description = '新的服务说明';
    const before = await byHsdsId(coordinator, '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d01');
    const result = await report(file);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const after = await byHsdsId(coordinator, '2f0c6f7e-3a52-4c8e-9d0b-6a1e5b7c9d01');
    expect(after).toMatchObject({ description: '新的服务说明', version: before.version + 1 });
    expect(after.locations.map((l) => l.id)).toEqual(before.locations.map((l) => l.id));
    expect(after.capacity!.updatedAt).toBe(before.capacity!.updatedAt);
    const [event] = await app.db.query(`SELECT fields FROM audit_events WHERE subject_id = $1 ORDER BY position DESC LIMIT 1`, [after.id]);
    expect(event.fields).toEqual(['description']);
  });

  it('reports every problem of every bad row and still writes the good ones', async () => {
    const result = await report([
      row('ok-1'),
      { id: 'no-name', status: 'active' },
      row('bad-status', { status: 'open' }),
      row('bad-contact', { email: 'not-an-email', url: 'javascript:alert(1)', phones: [{ id: 'p', number: '请致电' }] }),
      row('unknown-need', { attributes: [{ id: 'a', taxonomy_term: { id: 't', code: 'ASTROLOGY', name: '占星', taxonomy: 'zhulian-need' } }] }),
      row('bad-area', { service_areas: [{ id: 'x', name: '?', extent: '110199', extent_type: 'text' }] }),
      row('ages', { minimum_age: 60, maximum_age: 18 }),
      row('capacity', { capacities: [{ id: 'c', unit: { id: 'u', name: '床位' }, available: 9, maximum: 8 }] }),
      row('term', { attributes: [{ id: 'a', taxonomy_term: { id: 't', code: 'max-income-per-person:lots', name: '?', taxonomy: 'zhulian-eligibility' } }] }),
      row('coordinates', { service_at_locations: [{ id: 's', location: { id: 'l', name: '驿站', latitude: 39.9 } }] }),
      row('too-long', { name: '长'.repeat(201), description: 42 }),
      'not a service',
      row('ok-1'),
      row('ok-2', { minimum_age: '65', capacities: [{ id: 'c', unit: { id: 'u', name: '床位' }, available: '3', maximum: '' }] }),
    ]);
    // An invalid optional value is left out with a warning: only what makes the service wrong fails its row.
    expect(result).toMatchObject({ total: 14, created: 4, updated: 0, unchanged: 0, failed: 10 });
    const problems = Object.fromEntries(result.rows.map((r) => [`${r.index}:${r.hsdsId}`, r.errors.map((e) => `${e.path} ${e.code}`)]));
    expect(problems).toEqual({
      '0:ok-1': [],
      '1:no-name': ['name REQUIRED'],
      '2:bad-status': ['status INVALID_VALUE'],
      '3:bad-contact': [],
      '4:unknown-need': ['attributes.0.taxonomy_term.code UNKNOWN_NEED'],
      '5:bad-area': ['service_areas.0.extent REGION_CODE_UNKNOWN'],
      '6:ages': ['maximum_age AGE_RANGE'],
      '7:capacity': ['capacities.0.available CAPACITY_ABOVE_MAXIMUM'],
      '8:term': ['attributes.0.taxonomy_term.code UNKNOWN_ELIGIBILITY_TERM'],
      '9:coordinates': [],
      '10:too-long': ['name TOO_LONG', 'description INVALID_TYPE'],
      '11:null': [' INVALID_TYPE'],
      '12:ok-1': ['id DUPLICATE_ID'],
      '13:ok-2': [],
    });
    expect(result.rows[1].errors[0].message).toBeTruthy();
    const warnings = Object.fromEntries(result.rows.filter((r) => r.warnings.length > 0).map((r) => [`${r.index}:${r.hsdsId}`, r.warnings.map((e) => `${e.path} ${e.code}`)]));
    expect(warnings).toEqual({
      '3:bad-contact': ['url INVALID_FORMAT', 'email INVALID_FORMAT', 'phones.0 INVALID_FORMAT'],
      '9:coordinates': ['service_at_locations.0.location.latitude COORDINATES_INCOMPLETE'],
    });
    const [written] = await app.db.query(`SELECT count(*)::int AS n FROM services WHERE hsds_id LIKE 'ok-%'`);
    expect(written.n).toBe(2);
    const ok2 = await byHsdsId(coordinator, 'ok-2');
    expect(ok2).toMatchObject({ minimumAge: 65, capacity: { available: 3, maximum: null, unit: '床位' } });
  });

  it('writes nothing in a dry run, and says what it would do', async () => {
    const file = sample();
    file.contents[0].description = '新的服务说明';
    file.contents[1].name = '残疾儿童康复训练（调整）';
    const before = await snapshot();
    const [audit] = await app.db.query(`SELECT count(*)::int AS n FROM audit_events`);
    const result = await report([...file.contents, row('dry-new')], true);
    expect(result).toMatchObject({ dryRun: true, total: 5, created: 1, updated: 1, unchanged: 3, failed: 0 });
    expect(result.rows[4]).toMatchObject({ hsdsId: 'dry-new', outcome: 'CREATED', serviceId: null });
    expect(await snapshot()).toBe(before);
    expect((await app.db.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(audit.n);
  });

  it('keeps each organisation’s imports apart: the same file makes another organisation its own services', async () => {
    const other = await app.loginNewMember(DEMO.charity, Role.ORG_ADMIN);
    const res = await importJson(other, SAMPLE);
    expect(res.data!.importHsds).toMatchObject({ created: 4, updated: 0 });
    const [mine] = await app.db.query(`SELECT count(*)::int AS n FROM services WHERE organisation_id = $1 AND hsds_id LIKE '2f0c6f7e-%'`, [DEMO.elderlyNgo]);
    expect(mine.n).toBe(4);
  });

  it('refuses what is not an HSDS batch, and people who may not import', async () => {
    const refused = async (json: string, reason: string) => {
      const res = await importJson(coordinator, json);
      expect(res.status).toBeLessThan(500);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    };
    await refused('{"services": ', 'HSDS_NOT_JSON');
    await refused('{"name": "一个对象"}', 'HSDS_NOT_A_LIST');
    await refused(JSON.stringify(Array.from({ length: 201 }, (_, i) => row(`r${i}`))), 'HSDS_BATCH_TOO_LARGE');
    const huge = await importJson(coordinator, JSON.stringify([row('big', { description: '大'.repeat(100_000) })]));
    // Refused by the body limit before GraphQL: an HTTP error body, not a 500.
    expect(huge.status).toBe(413);
    expect((huge as unknown as { error: unknown }).error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAYLOAD_TOO_LARGE' });
    for (const role of [Role.STAFF, Role.VOLUNTEER]) {
      const res = await importJson(await app.loginNewMember(DEMO.elderlyNgo, role), [row('staff-try')]);
      expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'IMPORT_NOT_ALLOWED' });
    }
  });
});
