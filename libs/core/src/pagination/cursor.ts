import { badInput } from '../errors/app-error';

/**
 * A cursor is the keyset of the row it points at (the sort values and the id), opaque to clients.
 * It carries no personal data: only sort keys the access rules allow to sort on.
 */
export type Keyset = ReadonlyArray<string | number | null>;

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify(keyset), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, width: number): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === width &&
    parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) {
    throw badInput('INVALID_CURSOR', 'The cursor is not valid. Start again from the first page.', 'after');
  }
  return parsed as Keyset;
}
