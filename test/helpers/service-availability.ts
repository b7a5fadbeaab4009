import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { mysqlServerUrl, TEST_MYSQL_URL, TEST_REDIS_URL, where } from './service-urls';

const PROBE_TIMEOUT_MS = 5000;
export const REDIS_SKIP_ENV = 'MB_TEST_REDIS_MISSING';
export const MARIADB_SKIP_ENV = 'MB_TEST_MARIADB_MISSING';

async function redisMissing(): Promise<string | undefined> {
  const probe = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The failure is reported through connect(); the event would only repeat it.
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${where(TEST_REDIS_URL)} (TEST_REDIS_URL): ${String(error)}`;
  } finally {
    probe.disconnect();
  }
}

async function mariadbMissing(): Promise<string | undefined> {
  try {
    const conn = await createConnection({
      uri: mysqlServerUrl(),
      connectTimeout: PROBE_TIMEOUT_MS,
    });
    await conn.end();
    return undefined;
  } catch (error) {
    return `MariaDB not reachable at ${where(TEST_MYSQL_URL)} (TEST_MYSQL_URL): ${String(error)}`;
  }
}

/**
 * Jest globalSetup: finds out once, before any test file is loaded, whether Redis and MariaDB
 * answer, and leaves the reason in the environment when they do not, so that suites can be
 * declared skipped (reported as skipped with the reason, never as passed). Under CI=true a
 * missing service fails the run instead.
 */
export default async function checkServices(): Promise<void> {
  const [redis, mariadb] = await Promise.all([redisMissing(), mariadbMissing()]);
  const missing = [redis, mariadb].filter((m): m is string => m !== undefined);
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(`CI=true and a test service is missing:\n  ${missing.join('\n  ')}`);
  }
  process.env[REDIS_SKIP_ENV] = redis ?? '';
  process.env[MARIADB_SKIP_ENV] = mariadb ?? '';
  for (const m of missing) process.stdout.write(`\n${m}: its tests are skipped\n`);
}
