import { EventKind } from '../events/event-kind';
import { EventParams } from '../outbox/realtime-event';

/** What a client receives for each event (`event`): ordered by `id`; a client drops one it has seen. */
export interface RealtimeMessage {
  id: number;
  kind: EventKind;
  subjectType: string;
  subjectId: string;
  occurredAt: string;
  params: EventParams;
  /** The record as this recipient may read it through the API (null when they may not). */
  data: Record<string, unknown> | null;
  denied: { path: string; reason: string }[];
}

/** The handshake a client sends (`io(url, { auth })`). */
export interface RealtimeHandshake {
  token?: unknown;
  organisationId?: unknown;
  /** The last event id the client received: the events after it that it may see are replayed first. */
  lastEventId?: unknown;
}

/** Server → client message names. */
export const SERVER_MESSAGES = {
  event: 'event',
  /** After the connection (and any replay): `{ lastEventId, complete }`; `complete: false` when events older than the kept days were missed. */
  ready: 'ready',
  /** Before the server closes the socket: `{ code, reason }` (session ended, membership changed, token expired). */
  closing: 'closing',
} as const;

/** Client → server: `renew` with a fresh access token (ack `{ ok, expiresAt }`). */
export const CLIENT_MESSAGES = { renew: 'renew' } as const;
