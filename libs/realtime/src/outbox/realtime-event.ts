import { Role } from '@zhulian/core';
import { EventKind } from '../events/event-kind';

/** Whom an event concerns: one user, or an organisation's active members in the given roles. */
export type Audience = { userId: string } | { organisationId: string; roles: readonly Role[] };

/**
 * What a headline may carry: organisation names, statuses, a task's title, counts — never anything about
 * a person. The record itself reaches each recipient read under their own rules.
 */
export type EventParams = Record<string, string | number | boolean | null>;

/** An event as a change publishes it, in its own transaction. */
export interface NewEvent {
  kind: EventKind;
  /** The protected GraphQL type the event is about (Referral, Case, Task, TaskClaim, Person …). */
  subjectType: string;
  subjectId: string;
  audience: Audience[];
  params?: EventParams;
}

/** An event the relay has published: numbered (`seq`) in the order clients receive it. */
export interface PublishedEvent {
  seq: number;
  id: string;
  kind: EventKind;
  subjectType: string;
  subjectId: string;
  audience: Audience[];
  params: EventParams;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  occurredAt: Date;
}

export interface PublishedEventRow {
  seq: string;
  id: string;
  kind: EventKind;
  subject_type: string;
  subject_id: string;
  audience: Audience[];
  params: EventParams;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  created_at: Date;
}

export const PUBLISHED_EVENT_COLUMNS = 'seq, id, kind, subject_type, subject_id, audience, params, actor_user_id, actor_organisation_id, created_at';

export function toPublishedEvent(row: PublishedEventRow): PublishedEvent {
  return {
    seq: Number(row.seq), id: row.id, kind: row.kind, subjectType: row.subject_type, subjectId: row.subject_id, audience: row.audience,
    params: row.params, actorUserId: row.actor_user_id, actorOrganisationId: row.actor_organisation_id, occurredAt: row.created_at,
  };
}

/** Whether a connection acting as this user, for this organisation in this role, is among those an event concerns. */
export function concerns(audience: readonly Audience[], userId: string, organisationId: string | null, role: Role | null): boolean {
  return audience.some((a) => ('userId' in a
    ? a.userId === userId
    : organisationId !== null && a.organisationId === organisationId && role !== null && a.roles.includes(role)));
}
