import { Injectable } from '@nestjs/common';
import { Actor, isUuid, newId, queryPrepared, StatementValues } from '@zhulian/core';
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
    const into = new StatementValues();
    const write = this.publishWrite(into, actor, events);
    // One round trip: the rows, and the relay's wake-up call, which PostgreSQL delivers only if this transaction commits.
    if (write) await queryPrepared(tx, `WITH added AS (${write}) SELECT count(*) FROM added`, into.values);
  }

  /**
   * The same as a part of the caller's own statement (a change that must be one statement): the body of a
   * data-modifying CTE that writes the events — and wakes the relay — if the caller's CTE `when` yields a row.
   * Null when no event has anyone to tell.
   */
  publishWrite(into: StatementValues, actor: Actor | null, events: readonly NewEvent[], when?: string): string | null {
    return this.publishWrites(into, [{ actor, events }], when);
  }

  /** The same for the acts of several actors in one statement (several volunteers' claims). */
  publishWrites(into: StatementValues, acts: readonly { actor: Actor | null; events: readonly NewEvent[] }[], when?: string): string | null {
    const kept = acts.flatMap(({ actor, events }) => events.filter((e) => e.audience.length > 0).map((event) => ({ actor, event })));
    if (kept.length === 0) return null;
    const tuples = kept.map(({ actor, event }) => {
      if (!EVENT_KINDS.includes(event.kind) || !isUuid(event.subjectId)) throw new Error(`not an event: ${event.kind} ${event.subjectId}`);
      const userIds = event.audience.flatMap((a) => ('userId' in a ? [a.userId] : []));
      const organisationIds = event.audience.flatMap((a) => ('organisationId' in a ? [a.organisationId] : []));
      return [into.add(newId(), 'uuid'), into.add(event.kind, 'text'), into.add(event.subjectType, 'text'), into.add(event.subjectId, 'uuid'),
        into.add(actor?.userId ?? null, 'uuid'), into.add(actor?.acting?.organisationId ?? null, 'uuid'), into.add(JSON.stringify(event.audience), 'jsonb'),
        into.add([...new Set(userIds)], 'uuid[]'), into.add([...new Set(organisationIds)], 'uuid[]'), into.add(JSON.stringify(event.params ?? {}), 'jsonb')].join(', ');
    });
    // The wake-up call is in RETURNING, evaluated for every row written (a data-modifying CTE always runs to the end);
    // PostgreSQL delivers it once, and only if the transaction commits.
    return `INSERT INTO outbox_events (id, kind, subject_type, subject_id, actor_user_id, actor_organisation_id, audience, user_ids, organisation_ids, params)
         SELECT v.* FROM (VALUES (${tuples.join('), (')})) AS v${when ? ` WHERE EXISTS (SELECT 1 FROM ${when})` : ''}
         RETURNING pg_notify('${OUTBOX_CHANNEL}', '')`;
  }
}
