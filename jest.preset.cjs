// Shared jest settings of every project: ts-jest transpiling only (typecheck is its own step of
// `npm test`), the @zhulian/* aliases, and one migrated template database for the whole run.
const path = require('node:path');

const root = __dirname;

module.exports = function preset(projectDir, displayName) {
  return {
    displayName,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.int-spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.spec.json') }],
    },
    moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
    moduleNameMapper: {
      '^@zhulian/access$': path.join(root, 'libs/access/src/index.ts'),
      '^@zhulian/cases$': path.join(root, 'libs/cases/src/index.ts'),
      '^@zhulian/core$': path.join(root, 'libs/core/src/index.ts'),
      '^@zhulian/directory$': path.join(root, 'libs/directory/src/index.ts'),
      '^@zhulian/identity$': path.join(root, 'libs/identity/src/index.ts'),
      '^@zhulian/insights$': path.join(root, 'libs/insights/src/index.ts'),
      '^@zhulian/referrals$': path.join(root, 'libs/referrals/src/index.ts'),
      '^@zhulian/registry$': path.join(root, 'libs/registry/src/index.ts'),
      '^@zhulian/realtime$': path.join(root, 'libs/realtime/src/index.ts'),
      '^@zhulian/tasks$': path.join(root, 'libs/tasks/src/index.ts'),
      '^@zhulian/testing$': path.join(root, 'libs/testing/src/index.ts'),
      '^@zhulian/migrations$': path.join(root, 'migrations/index.ts'),
    },
    globalSetup: path.join(root, 'libs/testing/src/global-setup.ts'),
    globalTeardown: path.join(root, 'libs/testing/src/global-teardown.ts'),
    testTimeout: 60_000,
  };
};
