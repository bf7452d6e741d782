import { GraphQLFormattedError } from 'graphql';
import { toPublicError } from '../errors/to-public-error';

/**
 * Every GraphQL error leaves with a public `code`, a domain `reason` and, for bad input, the `field`.
 * Where the schema is not public (production), "Did you mean …" hints are cut: they would let a
 * client rebuild the schema that introspection withholds.
 */
export function graphqlErrorFormatter(options: { hideSuggestions: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const problem = toPublicError(error);
    const message = options.hideSuggestions ? problem.message.replace(/\s*Did you mean .+\?$/, '') : problem.message;
    return {
      message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: problem.code,
        reason: problem.reason,
        ...(problem.field ? { field: problem.field } : {}),
        ...(problem.details ?? {}),
      },
    };
  };
}
