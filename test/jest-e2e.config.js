/** End-to-end tests: the real app on 127.0.0.1, driven by the real official clients. */
const base = require('./jest-base.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  // Probes Redis and MariaDB once: suites needing a missing one are declared skipped.
  globalSetup: '<rootDir>/test/helpers/service-availability.ts',
  testTimeout: 60000,
};
