import { Injectable } from '@nestjs/common';
import { Actor, isUuid, newId, queryPrepared } from '@zhulian/core';
import { EntityManager } from 'typeorm';
import { EVENT_KINDS } from '../events/event-kind';
import { NewEvent } from './realtime-event';

/** The channel that wakes the relay when events commit. */
export const OUTBOX_CHANNEL = 'zhulian_outbox';

/**
 * Where a change writes its events: in the change's own transaction, so that they commit with it or not
 * at all. The relay publishes them once committed (OutboxRelay); nothing here waits for sockets.
 */
@Injectable()
export class Outbox {
  async publish(tx: EntityManager, actor: Actor | null, events: readonly NewEvent[]): Promise<void> {
    const kept = events.filter((e) => e.audience.length > 0);
    if (kept.length === 0) return;
    const values: unknown[] = [];
    const tuples = kept.map((event) => {
      if (!EVENT_KINDS.includes(event.kind) || !isUuid(event.subjectId)) throw new Error(`not an event: ${event.kind} ${event.subjectId}`);
      const userIds = event.audience.flatMap((a) => ('userId' in a ? [a.userId] : []));
      const organisationIds = event.audience.flatMap((a) => ('organisationId' in a ? [a.organisationId] : []));
      const start = values.length;
      values.push(newId(), event.kind, event.subjectType, event.subjectId, actor?.userId ?? null, actor?.acting?.organisationId ?? null,
        JSON.stringify(event.audience), [...new Set(userIds)], [...new Set(organisationIds)], JSON.stringify(event.params ?? {}));
      return `(${Array.from({ length: 10 }, (_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    // One round trip: the rows, and the relay's wake-up call, which PostgreSQL delivers only if this transaction commits.
    await queryPrepared(tx,
      `WITH added AS (
         INSERT INTO outbox_events (id, kind, subject_type, subject_id, actor_user_id, actor_organisation_id, audience, user_ids, organisation_ids, params)
         SELECT v.id::uuid, v.kind, v.subject_type, v.subject_id::uuid, v.actor_user_id::uuid, v.actor_organisation_id::uuid, v.audience::jsonb,
                v.user_ids::uuid[], v.organisation_ids::uuid[], v.params::jsonb
           FROM (VALUES ${tuples.join(', ')}) AS v(id, kind, subject_type, subject_id, actor_user_id, actor_organisation_id, audience, user_ids, organisation_ids, params)
         RETURNING 1)
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT count(*) FROM added) AS n`,
      values,
    );
  }
}
