// The server's own pure functions, by their files: the libs' index files would load Nest into a browser-code
// test, and the web's typecheck does not resolve @zhulian/* (only jest does).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { checkRegionCode } from '../../../libs/core/src/regions/region-codes';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { checkCharacter, normaliseMobile, parseResidentId } from '../../../libs/registry/src/people/resident-id';
import { isMobileNumber, isPlainMobileNumber, regionCodeProblem, residentIdFacts, residentIdProblem } from '../src/forms/field-checks';

/** A valid ID number for a region, a birth date and a sequence: the check character computed as the server does. */
const idFor = (region: string, birth: string, sequence: string) => {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
};

/** Every way an ID number can be typed wrong, and right. */
function idNumbers(): string[] {
  const valid = [idFor('110105', '19500308', '012'), idFor('110105', '20140901', '022'), idFor('440301', '19881231', '123'), idFor('650102', '20000229', '001')];
  const out = [...valid];
  for (const id of valid) {
    // Each last character but the right one: a wrong check digit.
    for (const c of '0123456789X') if (c !== id[17]) out.push(id.slice(0, 17) + c);
    out.push(id.toLowerCase(), `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`, id.slice(0, 17), `${id}1`, id.replace(/^./, 'A'));
  }
  out.push(idFor('910105', '19500308', '012'), idFor('010105', '19500308', '012'), idFor('110105', '19500230', '012'), idFor('110105', '18991231', '012'),
    idFor('110105', '29990101', '012'), idFor('110105', '19501301', '012'), '', '   ', '11010519500308012x');
  // And a few hundred random strings of digits, most with a wrong check digit.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 300; i += 1) {
    const year = 1900 + Math.floor(random() * 130);
    const birth = `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 31)).padStart(2, '0')}`;
    const body = `${String(10 + Math.floor(random() * 90))}0105${birth}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
    out.push(body + '0123456789X'[Math.floor(random() * 11)]);
  }
  return out;
}

describe('the form checks are the API’s checks', () => {
  const today = new Date('2026-12-05T00:00:00Z');

  it('finds the same problem with an ID number as the registry does, for every way one is typed', () => {
    for (const id of idNumbers()) {
      const server = parseResidentId(id, today);
      expect([id, residentIdProblem(id, today)]).toEqual([id, server.ok ? null : server.problem]);
    }
  });

  it('says a wrong last digit is a wrong check digit, and reads what a valid number carries', () => {
    const id = idFor('110105', '19500308', '012');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(residentIdProblem(wrong, today)).toBe('CHECK_DIGIT');
    // The 17th digit, 2, is even: a woman.
    expect(residentIdFacts(id)).toEqual({ birthDate: '1950-03-08', gender: 'FEMALE' });
    expect(residentIdFacts(wrong)).toBeNull();
  });

  it('accepts the mobile numbers the registry accepts, and refuses the rest', () => {
    const numbers = ['13800138000', '138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '8613800138000', '+8613800138000', '12800138000', '1380013800',
      '138001380001', '+44 1234 234567', '010-65001234', 'abc', '19912345678', '+86 128 0013 8000'];
    for (const n of numbers) expect([n, isMobileNumber(n)]).toEqual([n, normaliseMobile(n) !== null]);
  });

  it('takes an invitee’s mobile number only as the invitation does: 11 digits, nothing between them', () => {
    expect(isPlainMobileNumber(' 13800138000 ')).toBe(true);
    expect(isPlainMobileNumber('138 0013 8000')).toBe(false);
  });

  it('knows the region codes the server knows', () => {
    const codes = ['110105', '110000', '110100', '110199', '110103', '120101', '440301', '990000', '000000', '710000', '1101', 'abcdef', '11010a', '820000', '650102',
      '110105001', '110105004', '110106100', '110105999', '110199001', '990000001', '310101001', '11010500', '1101050011', '11010500a'];
    for (const code of codes) {
      const server = checkRegionCode(code);
      expect([code, regionCodeProblem(code)]).toEqual([code, server.ok ? null : server.problem]);
    }
  });

  it('takes a Beijing street code, and tells a malformed code from an unknown street', () => {
    expect(regionCodeProblem('110105001')).toBeNull();
    expect(regionCodeProblem('110105999')).toBe('UNKNOWN');
    expect(regionCodeProblem('1101050')).toBe('FORMAT');
  });
});
