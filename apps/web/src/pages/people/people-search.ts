import type { PeopleSearch } from '../../gql/graphql';

/** One box for all three: an 18-character ID number, an 11-digit mobile number, or part of a name. */
export function searchFrom(text: string): PeopleSearch | undefined {
  const compact = text.replace(/[\s-]/g, '');
  if (!compact) return undefined;
  if (/^\d{17}[\dXx]$/.test(compact)) return { idNumber: compact };
  if (/^(\+?86)?1\d{10}$/.test(compact)) return { phone: compact };
  return { name: text.trim() };
}
