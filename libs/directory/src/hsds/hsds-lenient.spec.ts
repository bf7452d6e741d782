import { parseLeniently } from './hsds-lenient';

const service = (changes: Record<string, unknown> = {}) => ({ id: 's1', name: '服务', status: 'active', ...changes });

describe('parseLeniently: one invalid value does not fail a service', () => {
  it('leaves out an invalid latitude, and its longitude with it, each with a warning', () => {
    const parsed = parseLeniently(service({ service_at_locations: [{ id: 'a', location: { id: 'l', name: '驿站', latitude: 100, longitude: 101 } }] }));
    if (!('data' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.data.service_at_locations[0].location).toMatchObject({ name: '驿站', latitude: null, longitude: null });
    expect(parsed.warnings.map((w) => `${w.path} ${w.code}`)).toEqual([
      'service_at_locations.0.location.latitude TOO_LARGE', 'service_at_locations.0.location.longitude COORDINATES_INCOMPLETE']);
  });

  it('leaves out a phone whose number is not one, whole, and keeps the others', () => {
    const parsed = parseLeniently(service({ phones: [{ id: 'p1', number: '请致电' }, { id: 'p2', number: '"+44 1234 234567"', extension: 100 }] }));
    if (!('data' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.data.phones.map((p) => p.number)).toEqual(['+44 1234 234567']);
    expect(parsed.warnings.map((w) => `${w.path} ${w.code}`)).toEqual(['phones.0 INVALID_FORMAT']);
  });

  it('keeps the first items of a list longer than the directory takes', () => {
    const documents = Array.from({ length: 25 }, (_, i) => ({ id: `d${i}`, document: `文件 ${i}` }));
    const parsed = parseLeniently(service({ required_documents: documents }));
    if (!('data' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.data.required_documents).toHaveLength(20);
    expect(parsed.warnings.map((w) => `${w.path} ${w.code}`)).toEqual(['required_documents TOO_MANY']);
  });

  it('fails a service whose id, name or status is wrong, naming every problem', () => {
    const parsed = parseLeniently(service({ name: '', status: 'open', email: 'x' }));
    expect('errors' in parsed && parsed.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['name REQUIRED', 'email INVALID_FORMAT', 'status INVALID_VALUE']);
  });
});
