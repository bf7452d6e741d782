import { AppError, PublicErrorCode } from '@zhulian/core';

/** Personal data that free text leaving an organisation must not carry. */
export type PersonalDataKind = 'ID_NUMBER' | 'PHONE' | 'NAME';

// Digits as people type them: full-width digits read as digits, and spaces, dashes and dots between
// digits ignored, so that "138 1234-5678" and "１３８１２３４５６７８" are found like "13812345678".
const FULL_WIDTH_DIGIT = /[\uff10-\uff19]/g;
const BETWEEN_DIGITS = /(?<=[\dXx])[\s\-\u2010-\u2015.\u00b7\u3000]+(?=[\dXx])/g;

const ID_NUMBER = /(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])/;
/** A mainland mobile number (with or without +86). */
const MOBILE = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/;
/** A number named as an ID or a phone, even a partial or landline one: "身份证 110101…", "电话 6512 3456". */
const NAMED_NUMBER = [
  { kind: 'ID_NUMBER' as const, pattern: /(身份证|证件号|身份号码|ID\s*(?:no|number|card))\D{0,6}\d{6,}/i },
  { kind: 'PHONE' as const, pattern: /(电话|手机|联系方式|tel|phone|mobile)\D{0,6}\d{7,}/i },
];

function compact(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30)).replace(BETWEEN_DIGITS, '');
}

/**
 * The names to look for: a person's full name and, for a Chinese name of three characters or more,
 * the given name alone ("秀兰" of "李秀兰"), which people use as readily.
 */
export function namesToLookFor(fullName: string | null | undefined): string[] {
  const name = fullName?.replace(/\s+/g, '') ?? '';
  const chars = [...name];
  if (chars.length < 2) return [];
  const names = [name];
  if (chars.length >= 3 && /^\p{Script=Han}+$/u.test(name)) names.push(chars.slice(1).join(''));
  return names;
}

/** Which kinds of personal data the text carries: ID numbers, phone numbers, the given names. */
export function personalDataIn(text: string, names: readonly string[] = []): PersonalDataKind[] {
  const digits = compact(text);
  const found = new Set<PersonalDataKind>();
  if (ID_NUMBER.test(digits)) found.add('ID_NUMBER');
  if (MOBILE.test(digits)) found.add('PHONE');
  for (const { kind, pattern } of NAMED_NUMBER) if (pattern.test(digits)) found.add(kind);
  const spaced = text.replace(/\s+/g, '');
  if (names.some((name) => name.length >= 2 && spaced.includes(name))) found.add('NAME');
  return [...found].sort();
}

/**
 * Refuses free text that leaves the organisation (a note to a receiver, a decline reason, an outcome
 * note) when it carries an ID number, a phone number or the person's name: such text would cross the
 * boundary that the person's consent and the receiver's minimal view draw. The error names what to
 * remove (`details.found`), never the value.
 */
export function assertNoPersonalData(text: string | null | undefined, options: { field: string; names?: readonly string[] }): void {
  if (!text) return;
  const found = personalDataIn(text, options.names);
  if (found.length === 0) return;
  const words = { ID_NUMBER: 'ID numbers', PHONE: 'phone numbers', NAME: 'the person’s name' };
  throw new AppError(PublicErrorCode.BAD_USER_INPUT, 'PERSONAL_DATA_IN_TEXT',
    `This text goes to another organisation: remove ${found.map((k) => words[k]).join(', ')} from it. The receiver sees the person’s details only as their consent allows.`,
    { field: options.field, details: { found: found.join(',') } });
}
