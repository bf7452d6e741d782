import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which tags each tag may import; `extra` is added for every tag (tests may use the harness). */
function boundaries(extra) {
  const allowed = {
    'type:app': ['type:domain', 'type:access', 'type:core'],
    'type:domain': ['type:domain', 'type:access', 'type:core'],
    'type:access': ['type:access', 'type:core'],
    'type:core': ['type:core'],
    'type:testing': ['type:core'],
  };
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: Object.entries(allowed).map(([sourceTag, tags]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: [...tags, ...extra],
      })),
    },
  ];
}

export default tseslint.config(
  {
    ignores: ['**/node_modules', '**/dist', '**/.data', '**/tmp', '**/coverage', '**/test-output', '**/.nx', 'apps/web/src/gql'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      // Module boundaries are the architecture: apps -> domain -> access -> core, nothing back.
      '@nx/enforce-module-boundaries': boundaries([]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'error',
    },
  },
  {
    // The web app runs in the browser.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Tests may also use the test harness (libs/testing), which itself depends on core only.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/web/e2e/**/*.ts'],
    rules: { 'no-console': 'off', '@nx/enforce-module-boundaries': boundaries(['type:testing']) },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', module: 'writable',
        require: 'readonly', __dirname: 'readonly', Buffer: 'readonly', AbortController: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
