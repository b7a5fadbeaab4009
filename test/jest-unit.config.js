/**
 * Unit tests: test/unit, real SQLite, no network. Specs live there, not next to the code
 * (tsconfig.json builds all of src/, and src/ holds no *.spec.ts).
 */
const base = require('./jest-base.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
};
