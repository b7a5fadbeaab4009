import { randomBytes } from 'node:crypto';
import { EnvironmentVariables } from '../../src/config/environment-variables';
import { validateEnvironment } from '../../src/config/validate-environment';

/**
 * A validated configuration for a test app: in-memory SQLite, a fresh server key and no rate
 * limits by default.
 */
export function testEnvironment(overrides: Record<string, string> = {}): EnvironmentVariables {
  return validateEnvironment({
    NODE_ENV: 'test',
    SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
    DB_DRIVER: 'sqlite3',
    DB_SOURCE: ':memory:',
    LOG_LEVEL: 'error',
    // Suites fire hundreds of requests from one address and identity; limit tests set their own.
    RATE_LIMIT_HANDSHAKES_PER_IP: '0',
    RATE_LIMIT_REQUESTS_PER_IDENTITY: '0',
    ...overrides,
  });
}
