import { randomBytes } from 'node:crypto';
import { EnvironmentVariables } from '../../src/config/environment-variables';
import { validateEnvironment } from '../../src/config/validate-environment';

/** A validated configuration for a test app: in-memory SQLite and a fresh server key by default. */
export function testEnvironment(overrides: Record<string, string> = {}): EnvironmentVariables {
  return validateEnvironment({
    NODE_ENV: 'test',
    SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
    DB_DRIVER: 'sqlite3',
    DB_SOURCE: ':memory:',
    LOG_LEVEL: 'error',
    ...overrides,
  });
}
