import type Redis from 'ioredis';
import { REDIS_SKIP_ENV } from './service-availability';
import { TEST_REDIS_URL } from './service-urls';

export { TEST_REDIS_URL };

/** Why Redis tests cannot run here (set by the e2e globalSetup), or undefined when they can. */
export function redisMissing(): string | undefined {
  return process.env[REDIS_SKIP_ENV] || undefined;
}

/** `describe` when Redis answers; otherwise the suite is reported skipped, with the reason. */
export function describeWithRedis(name: string, fn: () => void): void {
  const reason = redisMissing();
  if (reason) describe.skip(`${name} [skipped: ${reason}]`, fn);
  else describe(name, fn);
}

/** Deletes every key of a test's own namespace (`<namespace>:*`); the shared Redis is never flushed. */
export async function deleteNamespace(redis: Redis, namespace: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
