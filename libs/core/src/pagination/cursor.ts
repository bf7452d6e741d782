import { createHmac, createSecretKey, hkdfSync, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { badInput } from '../errors/app-error';

/**
 * A cursor is the keyset of the row it points at (the sort values and the id), opaque to clients.
 * It carries no personal data: only sort keys the access rules allow to sort on.
 */
export type Keyset = ReadonlyArray<string | number | null>;

/**
 * Whose page a cursor belongs to: the list (`people:NAME`, …) and the viewer (user and acting
 * organisation). A cursor is signed for its scope, so a client can neither forge one (e.g. the id of a
 * record it may not see, whose hidden values would then position the page) nor replay one made for
 * somebody who sees more.
 */
export interface CursorScope {
  list: string;
  viewer?: string;
}

// Until the platform hands over the configured secret (PlatformModule), cursors are signed with a
// key of this process alone: valid here, refused by every other node.
let signingKey: KeyObject = createSecretKey(randomBytes(32));

/** Derives the cursor key from a server secret; every API node with the same secret accepts the same cursors. */
export function useCursorSecret(secret: string): void {
  signingKey = createSecretKey(Buffer.from(hkdfSync('sha256', secret, 'zhulian', 'pagination cursor', 32)));
}

const mac = (payload: string, scope: CursorScope | undefined): Buffer =>
  createHmac('sha256', signingKey).update(`${scope?.list ?? ''}\n${scope?.viewer ?? ''}\n${payload}`).digest().subarray(0, 16);

export function encodeCursor(keyset: Keyset, scope?: CursorScope): string {
  const payload = Buffer.from(JSON.stringify(keyset), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, scope).toString('base64url')}`;
}

export function decodeCursor(cursor: string, width: number, scope?: CursorScope): Keyset {
  const invalid = () => badInput('INVALID_CURSOR', 'The cursor is not valid. Start again from the first page.', 'after');
  const [payload, signature, ...rest] = cursor.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload, scope);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === width &&
    parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw invalid();
  return parsed as Keyset;
}
