import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Redis tests run when CI=true (where the service must be up) or when Redis answers locally;
 * otherwise they are skipped with a visible note naming what is skipped.
 */
export async function redisEnabled(what: string): Promise<boolean> {
  if (process.env.CI === 'true') return true;
  const probe = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    process.stdout.write(`Redis not reachable: ${what} skipped\n`);
    return false;
  } finally {
    probe.disconnect();
  }
}
