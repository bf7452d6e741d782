// The app's own sources (src/) are browser code built by Vite; jest runs the Node-side tests:
// translation checks and pure helpers (test/) and the browser journeys (e2e/).
const preset = require('../../jest.preset.cjs')(__dirname, 'web');

module.exports = {
  ...preset,
  roots: ['<rootDir>/test', '<rootDir>/e2e'],
  // The browser build of csv-parse is an ES module; under jest the same parser's CommonJS build stands in for it.
  moduleNameMapper: { ...preset.moduleNameMapper, '^csv-parse/browser/esm/sync$': 'csv-parse/sync' },
};
