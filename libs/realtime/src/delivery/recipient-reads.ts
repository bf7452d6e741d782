import { Injectable } from '@nestjs/common';
import { Actor, InternalQueries, newId } from '@zhulian/core';
import { Sema } from 'async-sema';
import { PublishedEvent } from '../outbox/realtime-event';
import { EventSubject, EventSubjects } from './event-subjects';

/**
 * How many recipient reads run at once in this process. The rest wait in order of arrival: events keep
 * their order, and a burst of events never takes the whole connection pool from the API's own requests.
 */
const READS_AT_ONCE = 8;

/** What one recipient receives of an event's record: the record as they may read it (null if they may not), and what was withheld. */
export interface RecipientView {
  data: Record<string, unknown> | null;
  denied: { path: string; reason: string }[];
}

/**
 * Reads an event's record for one recipient by running the owning lib's GraphQL query as that recipient:
 * the same resolvers, row rules, field rules, masks and audit as their own read through the API.
 */
@Injectable()
export class RecipientReads {
  private readonly turns = new Sema(READS_AT_ONCE);

  constructor(
    private readonly queries: InternalQueries,
    private readonly subjects: EventSubjects,
  ) {}

  async read(actor: Actor, event: Pick<PublishedEvent, 'subjectType' | 'subjectId' | 'seq'>): Promise<RecipientView> {
    const subject = this.subjects.of(event.subjectType);
    if (!subject) return { data: null, denied: [] };
    await this.turns.acquire();
    try {
      return await this.run(actor, event, subject);
    } finally {
      this.turns.release();
    }
  }

  private async run(actor: Actor, event: Pick<PublishedEvent, 'subjectId' | 'seq'>, subject: EventSubject): Promise<RecipientView> {
    const answer = await this.queries.run(actor, `event-${event.seq}-${newId()}`, subject.document, { id: event.subjectId });
    const data = (answer.data?.[subject.root] ?? null) as Record<string, unknown> | null;
    const access = answer.extensions.access as { denied?: RecipientView['denied'] } | undefined;
    return { data, denied: data ? (access?.denied ?? []) : [] };
  }
}
