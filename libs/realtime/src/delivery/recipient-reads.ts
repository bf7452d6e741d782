import { ApolloServer } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { Actor, GraphqlContext, internalRequest, newId } from '@zhulian/core';
import { Sema } from 'async-sema';
import type { Response } from 'express';
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
  private server: ApolloServer<GraphqlContext> | null = null;
  private readonly turns = new Sema(READS_AT_ONCE);

  constructor(
    private readonly modules: ModuleRef,
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
    const req = internalRequest(actor, `event-${event.seq}-${newId()}`);
    const response = await this.apollo().executeOperation(
      { query: subject.document, variables: { id: event.subjectId } },
      { contextValue: { req, res: {} as Response } },
    );
    if (response.body.kind !== 'single') return { data: null, denied: [] };
    const result = response.body.singleResult;
    const data = (result.data?.[subject.root] ?? null) as Record<string, unknown> | null;
    const access = result.extensions?.access as { denied?: RecipientView['denied'] } | undefined;
    return { data, denied: data ? (access?.denied ?? []) : [] };
  }

  private apollo(): ApolloServer<GraphqlContext> {
    if (!this.server) {
      const graphql = this.modules.get(GraphQLModule, { strict: false }) as unknown as { graphQlAdapter: { instance: ApolloServer<GraphqlContext> } };
      this.server = graphql.graphQlAdapter.instance;
    }
    return this.server;
  }
}
