import { parseResidentId } from '../people/resident-id';
import { generateHouseholds } from './people-generator';

describe('the demo people generator', () => {
  const households = generateHouseholds(400, 7);
  const people = households.flatMap((h) => h.members);

  it('is deterministic for a seed', () => {
    expect(generateHouseholds(5, 7)).toEqual(households.slice(0, 5));
  });

  it('makes valid, unique ID numbers that agree with gender and birth date', () => {
    const today = new Date('2026-11-29T00:00:00Z');
    for (const p of people) {
      const parsed = parseResidentId(p.idNumber, today);
      expect(parsed).toEqual({ ok: true, facts: { normalised: p.idNumber, regionCode: p.idNumber.slice(0, 6), birthDate: p.birthDate, gender: p.gender } });
    }
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
  });

  it('makes the households a street office sees: elderly living alone, couples, families with children', () => {
    const alone = households.filter((h) => h.livesAlone);
    expect(alone.length).toBeGreaterThan(40);
    expect(alone.every((h) => Number(h.members[0].birthDate.slice(0, 4)) < 1960)).toBe(true);
    expect(people.some((p) => p.relationToHead === 'CHILD' && Number(p.birthDate.slice(0, 4)) > 2012)).toBe(true);
    expect(households.every((h) => h.members.filter((m) => m.relationToHead === 'HEAD').length === 1)).toBe(true);
    expect(people.filter((p) => p.phone).every((p) => /^1[3-9]\d{9}$/.test(p.phone!))).toBe(true);
  });
});
