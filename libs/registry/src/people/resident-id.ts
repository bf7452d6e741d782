/**
 * The 18-digit resident identity number (居民身份证号码, GB 11643-1999): 6 digits of the region of
 * first registration, 8 of the birth date, 3 of sequence (odd for men, even for women) and a check
 * character computed with ISO 7064 MOD 11-2 (`X` stands for 10).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type ResidentIdProblem = 'FORMAT' | 'CHECK_DIGIT' | 'BIRTH_DATE' | 'REGION';

export interface ResidentIdFacts {
  /** Upper-case, without spaces. */
  normalised: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'MALE' | 'FEMALE';
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Reads an ID number; what it says about the person, or which of its parts is wrong. */
export function parseResidentId(input: string, today = new Date()): { ok: true; facts: ResidentIdFacts } | { ok: false; problem: ResidentIdProblem } {
  const id = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'FORMAT' };
  if (!/^[1-8]\d/.test(id)) return { ok: false, problem: 'REGION' };
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || date.getTime() > today.getTime()) return { ok: false, problem: 'BIRTH_DATE' };
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'CHECK_DIGIT' };
  return {
    ok: true,
    facts: {
      normalised: id,
      regionCode: id.slice(0, 6),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

/** A mainland mobile number: 11 digits starting 13–19 (an optional +86 / 86 prefix is dropped). */
export function normaliseMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}
