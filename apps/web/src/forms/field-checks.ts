import type { FormRule } from 'antd';
import type { RuleObject } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { BEIJING_DISTRICT_CODES, BEIJING_STREETS, PROVINCE_CODES } from '../region-data';

/**
 * The checks a form makes before sending, each the same as the API's (named beside it), so a person
 * learns at the field, as they leave it, what the server would refuse, and nothing it would accept.
 * test/field-checks.spec.ts holds them against the server's own functions.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type ResidentIdProblem = 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'CHECK_DIGIT';

/**
 * What is wrong with a resident ID number (GB 11643), in the order libs/registry parseResidentId finds it,
 * or null when it would be accepted. Spaces between the parts, as printed on the card, are allowed.
 */
export function residentIdProblem(text: string, today = new Date()): ResidentIdProblem | null {
  const id = text.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  if (!/^[1-8]\d/.test(id)) return 'REGION';
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || date.getTime() > today.getTime()) return 'BIRTH_DATE';
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === id[17] ? null : 'CHECK_DIGIT';
}

/** libs/registry normaliseMobile: 11 digits from 13 to 19, spaces and dashes allowed, a +86 or 86 in front dropped. */
export function isMobileNumber(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits);
}

/** libs/identity AcceptInvitationInput: trimmed, then exactly 11 digits from 13 to 19. */
export function isPlainMobileNumber(text: string): boolean {
  return /^1[3-9]\d{9}$/.test(text.trim());
}

const PROVINCES = new Set(PROVINCE_CODES);
const BEIJING = new Set(BEIJING_DISTRICT_CODES);

/** libs/core REGION_CODE_PATTERN: a district or province (6 digits) or a street (9 digits). */
export const REGION_CODE_PATTERN = /^\d{6}(\d{3})?$/;

/**
 * libs/core checkRegionCode: 6 or 9 digits of a province that exists; inside Beijing, a district (6 digits)
 * or a street (9 digits) that exists (region-data.ts, made from the same lists).
 */
export function regionCodeProblem(code: string): 'FORMAT' | 'UNKNOWN' | null {
  if (!REGION_CODE_PATTERN.test(code)) return 'FORMAT';
  const province = code.slice(0, 2);
  if (!PROVINCES.has(province)) return 'UNKNOWN';
  if (province !== '11') return null;
  if (code.length === 9) return code in BEIJING_STREETS ? null : 'UNKNOWN';
  if (!code.endsWith('0000') && !BEIJING.has(code) && code !== '110100') return 'UNKNOWN';
  return null;
}

/** A form field's name: `idNumber`, or a path into a list (`['members', 0, 'idNumber']`). */
type FieldName = string | (string | number)[];

const empty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A resident ID number field: the API's own words for each problem (`errors.reason.ID_NUMBER_*`). */
export function residentIdRule(t: TFunction): FormRule {
  return {
    validator: async (_, value?: string) => {
      if (empty(value)) return;
      const problem = residentIdProblem(value!);
      if (problem) throw new Error(t(`errors.reason.ID_NUMBER_${problem}`));
    },
  };
}

/** A mobile number field for a person's record (the registry's lenient reading). */
export function mobileRule(t: TFunction, read: (text: string) => boolean = isMobileNumber): FormRule {
  return {
    validator: async (_, value?: string) => {
      if (!empty(value) && !read(value!)) throw new Error(t('validation.phone'));
    },
  };
}

/** A region code field (never empty: the registry keeps every record in a region). */
export function regionCodeRule(t: TFunction): FormRule {
  return {
    validator: async (_, value?: string) => {
      const problem = regionCodeProblem((value ?? '').trim());
      if (problem) throw new Error(t(`errors.reason.REGION_CODE_${problem}`));
    },
  };
}

/** The date of birth (YYYY-MM-DD) and gender a valid resident ID number carries, or null. */
export function residentIdFacts(text: string | undefined): { birthDate: string; gender: 'MALE' | 'FEMALE' } | null {
  if (!text || residentIdProblem(text) !== null) return null;
  const id = text.replace(/\s+/g, '').toUpperCase();
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** libs/registry PersonService.check: a date of birth that exists, not in the future, and the one the ID number carries. */
export function birthDateRule(t: TFunction, idNumberField: FieldName = 'idNumber'): (form: { getFieldValue: (name: FieldName) => unknown }) => RuleObject {
  return ({ getFieldValue }) => ({
    validator: async (_, value?: string) => {
      if (empty(value)) return;
      const [year, month, day] = value!.split('-').map(Number);
      const date = new Date(Date.UTC(year, month - 1, day));
      const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
      if (!real || date.getTime() > Date.now()) throw new Error(t('errors.reason.INVALID_BIRTH_DATE'));
      const facts = residentIdFacts(getFieldValue(idNumberField) as string | undefined);
      if (facts && facts.birthDate !== value) throw new Error(t('errors.reason.BIRTH_DATE_MISMATCH'));
    },
  });
}

/** libs/registry PersonService.check: a gender given beside a resident ID number is the one it carries. */
export function genderRule(t: TFunction, idNumberField: FieldName = 'idNumber'): (form: { getFieldValue: (name: FieldName) => unknown }) => RuleObject {
  return ({ getFieldValue }) => ({
    validator: async (_, value?: string) => {
      const facts = residentIdFacts(getFieldValue(idNumberField) as string | undefined);
      if (value && facts && value !== facts.gender) throw new Error(t('errors.reason.GENDER_MISMATCH'));
    },
  });
}
