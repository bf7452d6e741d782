// The app's own sources (src/) are browser code built by Vite; jest runs the Node-side tests:
// translation checks (test/) and the browser journeys (e2e/).
module.exports = {
  ...require('../../jest.preset.cjs')(__dirname, 'web'),
  roots: ['<rootDir>/test', '<rootDir>/e2e'],
};
