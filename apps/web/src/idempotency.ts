/**
 * A fresh idempotency key for one create dialog, so that a double click or a retried request never
 * creates twice. `crypto.randomUUID` exists only in secure contexts; an office intranet served over
 * plain http still has `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
