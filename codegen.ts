import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed GraphQL documents for the web app, generated from the committed schema: a change to the API
// that breaks a screen fails `npm test` (the generated types no longer typecheck, or are stale).
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**'],
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
