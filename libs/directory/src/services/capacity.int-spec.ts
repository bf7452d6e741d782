import { Role } from '@zhulian/core';
import { IdentityModule, seedIdentityDemo } from '@zhulian/identity';
import { SignedIn, TestApp } from '@zhulian/testing';
import { DirectoryModule } from '../directory.module';
import { CREATE_SERVICE, DEMO, sampleService, ServiceResult, SET_CAPACITY } from './service.fixtures';

type CapacityResult = { setServiceCapacity: { id: string; version: number; capacity: { available: number; maximum: number | null; unit: string; updatedAt: string } } };

describe('service capacity', () => {
  let app: TestApp;
  let coordinator: SignedIn;
  let staff: SignedIn;
  const create = async (overrides: Record<string, unknown> = {}) =>
    (await coordinator.gql<{ createService: ServiceResult }>(CREATE_SERVICE, { input: sampleService(overrides) })).data!.createService;
  const set = (session: SignedIn, input: Record<string, unknown>) => session.gql<CapacityResult>(SET_CAPACITY, { input });

  beforeAll(async () => {
    app = await TestApp.create({ imports: [IdentityModule, DirectoryModule], seed: seedIdentityDemo });
    coordinator = await app.loginNewMember(DEMO.familyNgo, Role.COORDINATOR);
    staff = await app.loginNewMember(DEMO.familyNgo, Role.STAFF);
  });
  afterAll(() => app.close());

  it('lets the organisation’s staff set the places free now, noting when and auditing the change', async () => {
    const service = await create({ name: '临时庇护', capacity: { available: 3, maximum: 8, unit: '床位' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const res = await set(staff, { serviceId: service.id, available: 0 });
    expect(res.errors).toBeUndefined();
    const after = res.data!.setServiceCapacity;
    expect(after).toMatchObject({ version: service.version + 1, capacity: { available: 0, maximum: 8, unit: '床位' } });
    expect(Date.parse(after.capacity.updatedAt)).toBeGreaterThan(Date.parse(service.capacity!.updatedAt));
    const [event] = await app.db.query(`SELECT fields, details, grounds FROM audit_events WHERE subject_id = $1 ORDER BY position DESC LIMIT 1`, [service.id]);
    expect(event).toEqual({ fields: ['capacity'], details: { fromAvailable: 3, available: 0, maximum: 8 }, grounds: { role: 'STAFF' } });
  });

  it('refuses more free places than places, unless the maximum is raised with them', async () => {
    const service = await create({ capacity: { available: 2, maximum: 8, unit: '床位' } });
    const over = await set(staff, { serviceId: service.id, available: 9 });
    expect(over.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CAPACITY_ABOVE_MAXIMUM', field: 'input.available' });
    const raised = await set(staff, { serviceId: service.id, available: 9, maximum: 10 });
    expect(raised.data!.setServiceCapacity.capacity).toMatchObject({ available: 9, maximum: 10 });
  });

  it('checks the version when one is sent, and sets the count regardless when none is', async () => {
    const service = await create();
    expect((await set(staff, { serviceId: service.id, available: 10, version: service.version })).errors).toBeUndefined();
    const stale = await set(staff, { serviceId: service.id, available: 11, version: service.version });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const counts = await Promise.all([12, 13, 14].map((available) => set(staff, { serviceId: service.id, available })));
    expect(counts.every((r) => r.errors === undefined)).toBe(true);
    const versions = counts.map((r) => r.data!.setServiceCapacity.version).sort();
    expect(versions).toEqual([service.version + 2, service.version + 3, service.version + 4]);
  });

  it('asks for a unit first when the service does not track places', async () => {
    const service = await create({ capacity: null });
    const res = await set(staff, { serviceId: service.id, available: 1 });
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CAPACITY_NOT_TRACKED' });
  });

  it('leaves other organisations and the organisation’s volunteers out', async () => {
    const service = await create();
    for (const session of [await app.loginNewMember(DEMO.elderlyNgo, Role.STAFF), await app.loginNewMember(DEMO.familyNgo, Role.VOLUNTEER), await app.loginNewMember(DEMO.jianwai, Role.COORDINATOR)]) {
      const res = await set(session, { serviceId: service.id, available: 1 });
      expect(res.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CAPACITY_CHANGE_NOT_ALLOWED' });
    }
    const [row] = await app.db.query(`SELECT capacity_available FROM services WHERE id = $1`, [service.id]);
    expect(row.capacity_available).toBe(35);
  });

  it('keeps the count’s time when an edit leaves the count as it was, and renews it when the edit changes it', async () => {
    const service = await create();
    const edit = (version: number, available: number) => coordinator.gql<{ updateService: ServiceResult }>(
      `mutation($input: UpdateServiceInput!) { updateService(input: $input) { version capacity { available updatedAt } } }`,
      { input: { ...sampleService({ name: '改名', capacity: { available, maximum: 120, unit: '份/日', description: '每日午餐份数' } }), serviceId: service.id, version } });
    const renamed = (await edit(service.version, 35)).data!.updateService;
    expect(renamed.capacity!.updatedAt).toBe(service.capacity!.updatedAt);
    const recounted = (await edit(renamed.version, 20)).data!.updateService;
    expect(recounted.capacity!.available).toBe(20);
    expect(Date.parse(recounted.capacity!.updatedAt)).toBeGreaterThan(Date.parse(service.capacity!.updatedAt));
  });
});
