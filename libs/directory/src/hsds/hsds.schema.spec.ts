import { hsdsServiceSchema, issueCode, toBeijingClock } from './hsds.schema';

describe('the HSDS row schema', () => {
  it.each([
    ['10:00', '10:00'],
    ['10:00:00', '10:00'],
    ['10:00:00+08:00', '10:00'],
    ['01:00Z', '09:00'],
    ['23:30-05:00', '12:30'],
    ['20:00:00.5+0000', '04:00'],
  ])('reads %s as %s Beijing time', (given, beijing) => {
    expect(toBeijingClock(given)).toBe(beijing);
  });

  it('accepts what files in the wild write: numbers as strings, blanks for absent values, any case of status and days', () => {
    const parsed = hsdsServiceSchema.parse({
      id: 42, name: ' 助餐 ', status: 'Temporarily_Closed', minimum_age: '60', maximum_age: '', email: '', url: ' ',
      schedules: [{ id: 's', freq: 'weekly', byday: 'mo, tu', opens_at: '', closes_at: '18:00Z' }], extra_field: { kept: 'unread' },
    });
    expect(parsed).toMatchObject({ id: '42', name: '助餐', status: 'temporarily closed', minimum_age: 60, maximum_age: null, email: null, url: null,
      schedules: [{ freq: 'WEEKLY', byday: 'MO,TU', opens_at: null, closes_at: '02:00' }] });
  });

  it('names each problem with a stable code', () => {
    const result = hsdsServiceSchema.safeParse({ id: 'x', status: 'open', minimum_age: 6.5, phones: Array.from({ length: 11 }, (_, i) => ({ id: `${i}`, number: '110' })) });
    expect(result.success).toBe(false);
    const codes = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')} ${issueCode(i)}`);
    expect(codes).toEqual(['name REQUIRED', 'status INVALID_VALUE', 'minimum_age INVALID_TYPE', 'phones TOO_MANY']);
  });
});
