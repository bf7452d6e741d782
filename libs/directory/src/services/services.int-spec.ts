import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, GET_SERVICE, sampleService, ServiceResult, UPDATE_SERVICE } from './service.fixtures';

describe('services: create, read, update', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  const create = (session: SignedIn, overrides: Record<string, unknown> = {}) =>
    session.gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService(overrides) });
  const update = (session: SignedIn, service: ServiceResult, overrides: Record<string, unknown> = {}) =>
    session.gql<{ updateService: ServiceResult }>(UPDATE_SERVICE, { input: { ...sampleService(overrides), serviceId: service.id, version: service.version } });
  const count = async (table: string) => (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(DEMO.elderlyNgo, Role.COORDINATOR);
  });
  afterAll(() => app.close());

  it('lets a coordinator describe a service of their organisation, with its places, schedules and capacity', async () => {
    const res = await create(coordinator);
    expect(res.errors).toBeUndefined();
    const service = res.data!.createService;
    expect(service).toMatchObject({
      name: '社区老年助餐', alternateName: '长者食堂', status: 'ACTIVE', categories: ['ELDERLY_CARE', 'BASIC_LIVING'], minimumAge: 60, maximumAge: null,
      eligibleRegionCodes: ['110105'], eligibleNeeds: ['ELDERLY_CARE'], requiredDocuments: ['身份证', '居住证明'], serviceAreaCodes: ['110105'],
      url: 'https://example.org/meals', email: 'meals@example.org', phone: '010-6588 1234', version: 1,
      organisationId: DEMO.elderlyNgo, organisationName: '朝阳区夕阳红养老服务中心', hsdsId: null,
      capacity: { available: 35, maximum: 120, unit: '份/日', description: '每日午餐份数' },
      locations: [{ name: '永安里社区养老服务驿站', address: '北京市朝阳区建国门外大街永安里12号楼底商', regionCode: '110105', latitude: 39.9087, longitude: 116.455, confidential: false }],
      schedules: [{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opensAt: '11:00', closesAt: '13:00', description: '工作日午餐' }],
    });
    expect(Date.parse(service.capacity!.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const [event] = await app.db.query(`SELECT action, fields, details FROM audit_events WHERE subject_type = 'Service' AND subject_id = $1`, [service.id]);
    expect(event).toMatchObject({ action: 'CHANGE', details: {} });
    expect(event.fields).toEqual(expect.arrayContaining(['name', 'capacity', 'locations', 'schedules', 'minimumAge']));
    expect(event.fields).not.toContain('maximumAge');
  });

  it('shows every service to every member of every organisation, volunteers included', async () => {
    const service = (await create(coordinator, { name: '居家探访' })).data!.createService;
    for (const [organisationId, role] of [[DEMO.jianwai, Role.VOLUNTEER], [DEMO.charity, Role.STAFF], [DEMO.sanlitun, Role.AUDITOR]] as const) {
      const viewer = await app.loginNewMember(organisationId, role);
      const res = await viewer.gql<{ service: ServiceResult }>(GET_SERVICE, { id: service.id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.service).toMatchObject({ name: '居家探访', locations: [{ address: '北京市朝阳区建国门外大街永安里12号楼底商' }] });
    }
  });

  it.each([
    ['an unknown need category', { categories: ['ELDERLY_CARE', 'ASTROLOGY'] }, 'UNKNOWN_NEED', 'input.categories.1'],
    ['an unknown eligible need', { eligibleNeeds: ['NOPE_NEED'] }, 'UNKNOWN_NEED', 'input.eligibleNeeds.0'],
    ['a region code that does not exist', { serviceAreaCodes: ['110105', '110199'] }, 'REGION_CODE_UNKNOWN', 'input.serviceAreaCodes.1'],
    ['an eligible region that does not exist', { eligibleRegionCodes: ['990000'] }, 'REGION_CODE_UNKNOWN', 'input.eligibleRegionCodes.0'],
    ['a place in a region that does not exist', { locations: [{ name: '驿站', regionCode: '110177', confidential: false }] }, 'REGION_CODE_UNKNOWN', 'input.locations.0.regionCode'],
    ['a maximum age below the minimum', { minimumAge: 60, maximumAge: 18 }, 'AGE_RANGE', 'input.maximumAge'],
    ['more free places than places', { capacity: { available: 130, maximum: 120, unit: '份/日' } }, 'CAPACITY_ABOVE_MAXIMUM', 'input.capacity.available'],
    ['a latitude without a longitude', { locations: [{ name: '驿站', latitude: 39.9, confidential: false }] }, 'COORDINATES_INCOMPLETE', 'input.locations.0.longitude'],
    ['a blank name', { name: '   ' }, 'INVALID_INPUT', 'input.name'],
    ['a malformed region code', { serviceAreaCodes: ['1101'] }, 'INVALID_INPUT', 'input.serviceAreaCodes'],
    ['an e-mail that is not one', { email: 'meals(at)example.org' }, 'INVALID_INPUT', 'input.email'],
    ['a script for a web address', { url: 'javascript:alert(1)' }, 'INVALID_INPUT', 'input.url'],
    ['letters for a phone number', { phone: 'call us' }, 'INVALID_INPUT', 'input.phone'],
    ['an impossible latitude', { locations: [{ latitude: 91, longitude: 116, confidential: false }] }, 'INVALID_INPUT', 'input.locations.0.latitude'],
    ['days that are not days', { schedules: [{ byday: 'MONDAY' }] }, 'INVALID_INPUT', 'input.schedules.0.byday'],
    ['a time that is not a time', { schedules: [{ opensAt: '25:00' }] }, 'INVALID_INPUT', 'input.schedules.0.opensAt'],
    ['a negative capacity', { capacity: { available: -1, unit: '床位' } }, 'INVALID_INPUT', 'input.capacity.available'],
    ['a capacity without its unit', { capacity: { available: 3, unit: '' } }, 'INVALID_INPUT', 'input.capacity.unit'],
    ['an age past any life', { minimumAge: 200 }, 'INVALID_INPUT', 'input.minimumAge'],
    ['an id for a place of a service that does not exist yet', { locations: [{ id: '0193a000-0000-7000-8000-999999999999', confidential: false }] }, 'LOCATION_NOT_FOUND', 'input.locations.0.id'],
  ])('refuses %s as BAD_USER_INPUT naming the field, creating nothing', async (_name, overrides, reason, field) => {
    const before = await count('services');
    const res = await create(coordinator, overrides);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, field });
    expect(await count('services')).toBe(before);
  });

  it('refuses input the schema cannot hold without a 500', async () => {
    const huge = await create(coordinator, { maxIncomePerPersonCents: 2 ** 40 });
    expect(huge.status).toBeLessThan(500);
    expect(huge.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const extra = await create(coordinator, { secretField: 'x' });
    expect(extra.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const nul = await create(coordinator, { description: 'a\u0000b' });
    expect(nul.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CHARACTER' });
  });

  it('lets admins and coordinators describe services, not staff, volunteers or caseworkers', async () => {
    const admin = await app.login('orgadmin@zhulian.demo');
    expect((await create(admin, { name: '老年人能力评估' })).errors).toBeUndefined();
    for (const role of [Role.STAFF, Role.VOLUNTEER, Role.CASEWORKER, Role.AUDITOR]) {
      const res = await create(await app.loginNewMember(DEMO.elderlyNgo, role));
      expect([role, res.errors![0].extensions]).toEqual([role, expect.objectContaining({ code: 'FORBIDDEN', reason: 'SERVICE_CHANGE_NOT_ALLOWED' })]);
    }
  });

  it('creates once per idempotency key, even when the retry races the first request', async () => {
    const before = await count('services');
    const key = 'service-retry-0001';
    const [a, b] = await Promise.all([create(coordinator, { idempotencyKey: key }), create(coordinator, { idempotencyKey: key })]);
    const again = await create(coordinator, { idempotencyKey: key });
    expect(new Set([a.data!.createService.id, b.data!.createService.id, again.data!.createService.id]).size).toBe(1);
    expect(await count('services')).toBe(before + 1);
    const reused = await create(coordinator, { idempotencyKey: key, name: '另一项服务' });
    expect(reused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  describe('updates', () => {
    it('replace the whole service, keeping the places named by id and removing the others', async () => {
      const service = (await create(coordinator, {
        locations: [
          { name: '永安里驿站', address: '永安里12号楼', regionCode: '110105', confidential: false },
          { name: '光华里驿站', address: '光华里5号楼', regionCode: '110105', confidential: false },
        ],
      })).data!.createService;
      const [yonganli, guanghuali] = service.locations;
      const res = await update(coordinator, service, {
        name: '社区老年助餐（扩大）', description: null, categories: ['ELDERLY_CARE'], maximumAge: 100,
        locations: [
          { id: guanghuali.id, name: '光华里驿站', address: '光华里5号楼一层', regionCode: '110105', latitude: 39.91, longitude: 116.46, confidential: false },
          { name: '秀水街驿站', address: '秀水街3号', regionCode: '110105', confidential: false },
        ],
        schedules: [],
      });
      expect(res.errors).toBeUndefined();
      const updated = res.data!.updateService;
      expect(updated).toMatchObject({ name: '社区老年助餐（扩大）', description: null, categories: ['ELDERLY_CARE'], maximumAge: 100, version: 2, schedules: [] });
      expect(updated.locations.map((l) => [l.name, l.address])).toEqual([['光华里驿站', '光华里5号楼一层'], ['秀水街驿站', '秀水街3号']]);
      expect(updated.locations[0].id).toBe(guanghuali.id);
      expect(updated.locations.map((l) => l.id)).not.toContain(yonganli.id);
      expect(updated.capacity!.updatedAt).toBe(service.capacity!.updatedAt);
      const [event] = await app.db.query(`SELECT fields FROM audit_events WHERE subject_id = $1 ORDER BY position DESC LIMIT 1`, [service.id]);
      expect(event.fields.sort()).toEqual(['categories', 'description', 'locations', 'maximumAge', 'name', 'schedules']);
    });

    it('refuse a version that is not the latest, changing nothing', async () => {
      const service = (await create(coordinator)).data!.createService;
      const first = await update(coordinator, service, { name: '第一次修改' });
      expect(first.errors).toBeUndefined();
      const stale = await update(coordinator, service, { name: '基于旧版本的修改' });
      expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION', field: 'input.version' });
      const now = await coordinator.gql<{ service: ServiceResult }>(GET_SERVICE, { id: service.id });
      expect(now.data!.service).toMatchObject({ name: '第一次修改', version: 2 });
    });

    it('let exactly one of two editors who read the same version win', async () => {
      const service = (await create(coordinator)).data!.createService;
      const results = await Promise.all([update(coordinator, service, { name: '甲的修改' }), update(coordinator, service, { name: '乙的修改' })]);
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.filter((r) => r.errors?.[0].extensions.reason === 'STALE_VERSION')).toHaveLength(1);
    });

    it('keep the version when nothing changed', async () => {
      const service = (await create(coordinator)).data!.createService;
      const same = await update(coordinator, service, { locations: service.locations.map(({ id, name, address, regionCode, latitude, longitude, confidential }) =>
        ({ id, name, address, regionCode, latitude, longitude, confidential })), schedules: service.schedules.map(({ id, freq, byday, opensAt, closesAt, description }) =>
        ({ id, freq, byday, opensAt, closesAt, description })) });
      expect(same.errors).toBeUndefined();
      expect(same.data!.updateService.version).toBe(service.version);
    });

    it('refuse a place of another service, and other organisations', async () => {
      const mine = (await create(coordinator)).data!.createService;
      const other = (await create(coordinator)).data!.createService;
      const res = await update(coordinator, mine, { locations: [{ id: other.locations[0].id, name: '借用', confidential: false }] });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LOCATION_NOT_FOUND', field: 'input.locations.0.id' });
      const stranger = await app.loginNewMember(DEMO.familyNgo, Role.COORDINATOR);
      const refused = await update(stranger, mine, { name: '别人的修改' });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SERVICE_CHANGE_NOT_ALLOWED' });
      const missing = await coordinator.gql(UPDATE_SERVICE, { input: { ...sampleService(), serviceId: '0193a000-0000-7000-8000-999999999999', version: 1 } });
      expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SERVICE_NOT_FOUND' });
    });
  });

  it('answers an unknown or malformed id as NOT_FOUND or BAD_USER_INPUT', async () => {
    expect((await coordinator.gql(GET_SERVICE, { id: '0193a000-0000-7000-8000-999999999999' })).errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SERVICE_NOT_FOUND' });
    expect((await coordinator.gql(GET_SERVICE, { id: 'nope' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_ID' });
  });
});
