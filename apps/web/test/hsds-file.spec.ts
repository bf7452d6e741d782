import { addBatch, batchesOf, EMPTY_REPORT, HsdsFileError, isTableSet, servicesOfHsdsFile } from '../src/pages/directory/hsds-file';

describe('servicesOfHsdsFile: the services of a file as people export them', () => {
  it('takes a bare array, an object with services, or a page of the HSDS API', () => {
    expect(servicesOfHsdsFile('[{"id":"a"}]')).toEqual([{ id: 'a' }]);
    expect(servicesOfHsdsFile('{"services":[{"id":"a"},{"id":"b"}]}')).toHaveLength(2);
    expect(servicesOfHsdsFile('\uFEFF{"total_items":1,"contents":[{"id":"c"}]}')).toEqual([{ id: 'c' }]);
  });

  it('takes one service (as /services/{id} answers), an organization with its services, and a service-at-location', () => {
    expect(servicesOfHsdsFile('{"id":"s","name":"Counselling","status":"active"}')).toEqual([{ id: 's', name: 'Counselling', status: 'active' }]);
    expect(servicesOfHsdsFile('{"id":"o","name":"Org","services":[{"id":"s"}]}')).toEqual([{ id: 's' }]);
    expect(servicesOfHsdsFile('{"id":"at","location":{"id":"l"},"service":{"id":"s","name":"x"}}'))
      .toEqual([{ id: 's', name: 'x', service_at_locations: [{ id: 'at', location: { id: 'l' } }] }]);
  });

  it('tells a set of HSDS tables from a JSON file, and refuses a mix', () => {
    expect(isTableSet(['service.csv', 'phone.csv', 'datapackage.json'])).toBe(true);
    expect(isTableSet(['service_full.json'])).toBe(false);
    expect(() => isTableSet(['service.csv', 'services.json'])).toThrow(HsdsFileError);
  });

  it('refuses what is not JSON, or holds no service', () => {
    const problem = (text: string) => { try { servicesOfHsdsFile(text); return null; } catch (e) { return (e as HsdsFileError).problem; } };
    expect(problem('id,name\n1,x')).toBe('NOT_JSON');
    expect(problem('{"organizations":[]}')).toBe('NO_SERVICES');
    expect(problem('[]')).toBe('NO_SERVICES');
  });
});

describe('batchesOf: what goes in one importHsds call', () => {
  it('sends at most 100 services a call', () => {
    const services = Array.from({ length: 250 }, (_, i) => ({ id: String(i) }));
    expect(batchesOf(services).map((b) => b.length)).toEqual([100, 100, 50]);
  });

  it('keeps each call under the body limit, even for few large services', () => {
    const big = { description: '描'.repeat(30_000) }; // 90 KB of UTF-8
    expect(batchesOf([big, big, big, big, big]).map((b) => b.length)).toEqual([2, 2, 1]);
  });
});

describe('addBatch: the running tally of an import in batches', () => {
  it('adds the counts and numbers each row as in the whole file', () => {
    const batch = { total: 2, created: 1, updated: 0, unchanged: 0, failed: 1, ignoredTables: ['language.csv'], rows: [
      { index: 0, hsdsId: 'a', outcome: 'CREATED' as const, errors: [], warnings: [{ path: 'url', code: 'INVALID_FORMAT', message: 'x' }] },
      { index: 1, hsdsId: 'b', outcome: 'FAILED' as const, errors: [{ path: 'name', code: 'REQUIRED', message: 'x' }], warnings: [] },
    ] };
    const tally = addBatch(addBatch(EMPTY_REPORT, batch, 0), batch, 100);
    expect(tally).toMatchObject({ total: 4, created: 2, failed: 2 });
    expect(tally.rows.map((r) => r.index)).toEqual([0, 1, 100, 101]);
    expect(tally.ignoredTables).toEqual(['language.csv']);
  });
});
