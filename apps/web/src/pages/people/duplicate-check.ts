import type { DuplicateCheckInput } from '../../gql/graphql';

/** An ID number as the API compares it: no spaces, a capital X. */
export const compactIdNumber = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, '').toUpperCase();

/**
 * What to ask `duplicateCandidates` while a person is being registered, or null while there is no
 * name yet (the API needs one). Half-typed values are left out: a partial ID number or phone matches
 * nothing and would only cost a look-up on every key.
 */
export function duplicateCheckFrom(values: { fullName?: string; birthDate?: string; idNumber?: string; phone?: string }): DuplicateCheckInput | null {
  const fullName = values.fullName?.trim();
  if (!fullName) return null;
  const check: DuplicateCheckInput = { fullName };
  if (values.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(values.birthDate)) check.birthDate = values.birthDate;
  const idNumber = compactIdNumber(values.idNumber);
  if (/^\d{17}[\dX]$/.test(idNumber)) check.idNumber = idNumber;
  const phone = (values.phone ?? '').replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(phone)) check.phone = phone;
  return check;
}

/** A likelihood (0–1) as the whole percentage people read. */
export const percent = (score: number): number => Math.round(score * 100);
