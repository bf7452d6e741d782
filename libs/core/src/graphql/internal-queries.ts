import { ApolloServer } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Response } from 'express';
import type { Actor } from '../actor';
import { GraphqlContext, internalRequest } from './graphql-context';

/** What an internal query answered: its data, its errors and its extensions (the access notes among them). */
export interface InternalAnswer {
  data: Record<string, unknown> | null;
  errors: readonly { message: string; extensions?: Record<string, unknown> }[];
  extensions: Record<string, unknown>;
}

/**
 * Runs a GraphQL operation in this process on a user's behalf (see {@link internalRequest}): the same
 * resolvers, row rules, field rules, masks and audit as that user's own request over HTTP. For what the
 * server reads for someone without them asking over HTTP: an event's record for its recipient, the first
 * screen of a page for the person who opens it.
 */
@Injectable()
export class InternalQueries {
  private server: ApolloServer<GraphqlContext> | null = null;

  constructor(private readonly modules: ModuleRef) {}

  async run(actor: Actor, requestId: string, query: string, variables: Record<string, unknown> = {}): Promise<InternalAnswer> {
    const req = internalRequest(actor, requestId);
    const response = await this.apollo().executeOperation({ query, variables }, { contextValue: { req, res: {} as Response } });
    if (response.body.kind !== 'single') return { data: null, errors: [{ message: 'an incremental answer was not expected' }], extensions: {} };
    const result = response.body.singleResult;
    return {
      data: (result.data ?? null) as Record<string, unknown> | null,
      errors: (result.errors ?? []) as InternalAnswer['errors'],
      extensions: (result.extensions ?? {}) as Record<string, unknown>,
    };
  }

  private apollo(): ApolloServer<GraphqlContext> {
    if (!this.server) {
      const graphql = this.modules.get(GraphQLModule, { strict: false }) as unknown as { graphQlAdapter: { instance: ApolloServer<GraphqlContext> } };
      this.server = graphql.graphQlAdapter.instance;
    }
    return this.server;
  }
}
