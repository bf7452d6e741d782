import { GraphQLFormattedError } from 'graphql';
import { toPublicError } from '../errors/to-public-error';

/** Every GraphQL error leaves with a public `code`, a domain `reason` and, for bad input, the `field`. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const problem = toPublicError(error);
  return {
    message: problem.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: problem.code,
      reason: problem.reason,
      ...(problem.field ? { field: problem.field } : {}),
      ...(problem.details ?? {}),
    },
  };
}
