import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import type { FieldMergeFunction } from '@apollo/client';
import { accessNotesLink } from './access-notes';
import { sessionFetch } from './session/session-store';

/** "Load more" appends the next page of a connection to the one on screen. */
const appendPages = {
  keyArgs: false as const,
  merge(existing: { edges: unknown[] } | undefined, incoming: { edges: unknown[] }, { args }: { args: Record<string, unknown> | null }) {
    if (!args?.after || !existing) return incoming;
    return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
  },
};

/**
 * A record that carries its version is never set back by an older answer arriving late: a refetch sent just
 * before a move and answered after it (its row read before the move committed) must not undo what the move's
 * own answer showed. An answer without the version, or with the same or a newer one, is merged as usual.
 */
const newestVersion: FieldMergeFunction = (existing, incoming, { mergeObjects, readField }) => {
  if (!existing) return incoming;
  const had = readField<number>('version', existing);
  const got = readField<number>('version', incoming);
  if (typeof had === 'number' && typeof got === 'number' && got < had) return existing;
  return mergeObjects(existing, incoming);
};

export function createApolloClient() {
  return new ApolloClient({
    link: ApolloLink.from([accessNotesLink, new HttpLink({ uri: '/graphql', fetch: sessionFetch })]),
    cache: new InMemoryCache({
      typePolicies: {
        // A volunteer is known by their user id: a check recorded updates the row in every list.
        VolunteerProfile: { keyFields: ['userId'] },
        Referral: { merge: newestVersion },
        Case: { merge: newestVersion },
        Service: { merge: newestVersion },
        Query: {
          fields: {
            // One list per search and order: the household finder's few rows never replace the people list.
            people: { ...appendPages, keyArgs: ['search', 'orderBy', 'orderDirection'] },
            members: { ...appendPages, keyArgs: ['search', 'orderBy'] },
            // One list per filter: a person's cases never replace the cases list, nor the inbox the sent ones.
            cases: { ...appendPages, keyArgs: ['filter', 'orderBy'] },
            services: { ...appendPages, keyArgs: ['filter', 'orderBy'] },
            referrals: { ...appendPages, keyArgs: ['filter', 'orderBy'] },
            // One trail per set of filters; "load more" appends the next page to it.
            auditTrail: { ...appendPages, keyArgs: ['subjectId', 'actorUserId', 'actorOrganisationId', 'actions', 'category', 'from', 'to', 'orderBy'] },
            // Volunteer tasks: the board per filter, a volunteer's claims, an organisation's tasks and hand-overs per tab.
            taskBoard: { ...appendPages, keyArgs: ['filter'] },
            myClaims: appendPages,
            organisationTasks: { ...appendPages, keyArgs: ['status'] },
            allianceTasks: appendPages,
            taskHandovers: { ...appendPages, keyArgs: ['direction', 'status'] },
            groupVolunteers: appendPages,
            // Early warnings: one queue per filter.
            insightAlerts: { ...appendPages, keyArgs: ['filter'] },
          },
        },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
