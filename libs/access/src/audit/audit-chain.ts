import { createHmac, KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { ChainedRow } from './audit-event';

/** The link before the first event. */
export const GENESIS = Buffer.alloc(32);

/**
 * HMAC-SHA256 of the previous link and the event's canonical content. Keyed, so that someone who can
 * write to the database but does not hold AUDIT_KEY cannot recompute the chain after an edit.
 */
export function linkHash(key: KeyObject, previous: Buffer, row: ChainedRow): Buffer {
  return createHmac('sha256', key).update(previous).update(canonicalJson(row), 'utf8').digest();
}
