// `npm test` runs every project in one jest process pool (cheaper on two cores than one run each).
module.exports = {
  projects: ['apps/api', 'apps/web', 'libs/access', 'libs/cases', 'libs/core', 'libs/directory', 'libs/identity', 'libs/insights', 'libs/realtime', 'libs/referrals', 'libs/registry', 'libs/tasks', 'libs/testing', 'migrations'].map((dir) => `<rootDir>/${dir}/jest.config.cjs`),
  // A run-wide option: the projects' own value is ignored when they run together.
  testTimeout: 60_000,
};
