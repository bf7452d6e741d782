import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { sessionFetch } from './session/session-store';

export function createApolloClient() {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql', fetch: sessionFetch }),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // "Load more" appends the next page of the connection to the one on screen.
            members: {
              keyArgs: false,
              merge(existing: { edges: unknown[] } | undefined, incoming: { edges: unknown[] }, { args }) {
                if (!args?.after || !existing) return incoming;
                return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
              },
            },
          },
        },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
