/** Unit and service tests: specs next to the code, real SQLite, no network. */
const base = require('./jest-base.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'],
};
