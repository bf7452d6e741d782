import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { AppConfig } from '../config/app-config';
import { transformSchema } from './schema-transforms';
import { graphqlErrorFormatter } from './format-graphql-error';
import { GraphqlContext } from './graphql-context';

/** Query limits, in one place so the tests and the docs read the same numbers. */
export const QUERY_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 10_000,
  maxDirectives: 20,
  maxTokens: 2000,
} as const;

/**
 * Every answer is personal to who asked: no cache may keep it. Said once per response, in place of Apollo's
 * cache-control plugin, which would say the same after weighing a cache hint on every field of every answer
 * (a wrapper around every field's resolver, for hints this API never gives).
 */
const noStore: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Tokens are counted by graphql-js's own parser (parseOptions below): armor's plugin for it turns
    // its refusal into a 500 in Apollo 5.
    maxTokens: { enabled: false },
    // Suggestions are cut by our own error formatter (armor's plugin edits errors after they are formatted).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: !config.isProduction,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      noStore,
      ...armor.plugins,
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // One operation per HTTP request: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    context: ({ req, res }: GraphqlContext): GraphqlContext => ({ req, res }),
    formatError: graphqlErrorFormatter({ hideSuggestions: config.isProduction }),
    buildSchemaOptions: { dateScalarMode: 'isoDate', numberScalarMode: 'integer' },
    transformSchema,
  };
}
