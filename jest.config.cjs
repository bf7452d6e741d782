// `npm test` runs every project in one jest process pool (cheaper on two cores than one run each).
module.exports = {
  projects: ['apps/api', 'libs/core', 'libs/identity', 'libs/testing', 'migrations'].map((dir) => `<rootDir>/${dir}/jest.config.cjs`),
};
