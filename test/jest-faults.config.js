/**
 * Fault injection: the built server (dist/main.js) as real processes, with redis-server, mariadbd
 * and nginx processes of the tests' own, killed, frozen and restarted under bounded traffic.
 */
const base = require('./jest-base.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 240000,
};
