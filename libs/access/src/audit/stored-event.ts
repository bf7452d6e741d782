import { AuditValue, ChainedRow } from './audit-event';

/** An event as stored, in the columns the chain hashes. */
export interface StoredEvent {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  fields: string[];
  grounds: Record<string, AuditValue>;
  details: Record<string, AuditValue>;
  request_id: string | null;
  subject_ids: string[] | null;
  holder_ids: string[] | null;
}

/**
 * The columns of an event, in the order `StoredEvent` and the trail's INSERTs list them: what linking and
 * verifying both select.
 */
export const STORED_EVENT_COLUMNS = `id, occurred_at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, fields, grounds, details, request_id, subject_ids, holder_ids`;

/** Their types, in the same order (for a staging written as part of another statement, whose values are cast). */
export const STORED_EVENT_TYPES = ['uuid', 'timestamptz', 'uuid', 'uuid', 'text', 'text', 'uuid', 'text[]', 'jsonb', 'jsonb', 'text', 'uuid[]', 'uuid[]'] as const;

/**
 * A stored event as the chain hashes it: the one reading of a row, for linking it and for verifying it
 * (two readers that drifted apart would report tampering that never happened).
 */
export function chainedRowOf(position: number, stored: StoredEvent): ChainedRow {
  return {
    position, id: stored.id, occurredAt: stored.occurred_at.toISOString(), actorUserId: stored.actor_user_id, actorOrganisationId: stored.actor_organisation_id,
    action: stored.action, subjectType: stored.subject_type, subjectId: stored.subject_id, fields: stored.fields, grounds: stored.grounds,
    details: stored.details, requestId: stored.request_id,
    ...(stored.subject_ids?.length ? { subjectIds: stored.subject_ids } : {}), ...(stored.holder_ids?.length ? { holderIds: stored.holder_ids } : {}),
  };
}
