import { checkCharacter, normaliseMobile, parseResidentId } from './resident-id';

describe('resident ID numbers (GB 11643)', () => {
  it('reads a valid number: region, birth date, gender', () => {
    // The standard's own worked example.
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      facts: { normalised: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', gender: 'FEMALE' },
    });
    expect(parseResidentId(' 440524 19880101 0011 ')).toMatchObject({ ok: true, facts: { gender: 'MALE', birthDate: '1988-01-01' } });
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    expect(parseResidentId('11010519491231002x')).toMatchObject({ ok: true, facts: { normalised: '11010519491231002X' } });
  });

  it.each([
    ['a wrong check digit', '110105194912310021', 'CHECK_DIGIT'],
    ['an impossible date', '110105194902300027', 'BIRTH_DATE'],
    ['a birth in the future', '110105209901010010', 'BIRTH_DATE'],
    ['a birth before 1900', '440524188001010014', 'BIRTH_DATE'],
    ['15 digits (the old format)', '110105491231002', 'FORMAT'],
    ['letters', '11010519491231002Y', 'FORMAT'],
    ['a region that cannot exist', '010105194912310020', 'REGION'],
  ])('refuses %s', (_name, id, problem) => {
    expect(parseResidentId(id)).toEqual({ ok: false, problem });
  });

  it('computes the check character over the first 17 digits', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
  });
});

describe('mainland mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['86-13800138000', '13800138000'],
    ['1380013800', null],
    ['12800138000', null],
    ['010-12345678', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseMobile(input)).toBe(expected);
  });
});
