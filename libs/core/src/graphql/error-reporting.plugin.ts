import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { PinoLogger } from 'nestjs-pino';
import { toPublicError } from '../errors/to-public-error';
import { GraphqlContext } from './graphql-context';

/**
 * Logs each unexpected error once, with the request id, and stamps that id on every error the client
 * receives so a person can quote it to support.
 */
@Plugin()
export class ErrorReportingPlugin implements ApolloServerPlugin<GraphqlContext> {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('GraphQL');
  }

  async requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext>> {
    const logger = this.logger;
    return {
      async didEncounterErrors({ errors, contextValue, operationName }) {
        for (const error of errors) {
          if (!toPublicError(error).expected) {
            // The request's own logger (pino-http's), else the application's: a process may hold several applications (tests).
            (contextValue.req?.log ?? logger).error({ err: error.originalError ?? error, requestId: contextValue.req?.id, operationName }, 'unexpected error');
          }
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const requestId = contextValue.req?.id;
        response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
          ...error,
          extensions: { ...error.extensions, requestId },
        }));
      },
    };
  }
}
