import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { RedisSessionStore } from '../auth/sessions/redis-session-store';
import { adminRepositories } from './admin-database';

export interface ServerStatistics {
  messagesByBox: Array<{ messageBox: string; messages: number }>;
  totalMessages: number;
  devices: { total: number; active: number };
  /** Live auth sessions in Redis, or null when each server process keeps its own in memory. */
  sessions: number | null;
}

/** Read-only counts for `admin stats`. */
export async function serverStatistics(
  ds: DataSource,
  redisUrl: string | undefined,
  sessionTtlSeconds: number,
  redisNamespace: string,
): Promise<ServerStatistics> {
  const repositories = adminRepositories(ds);
  const messagesByBox = await repositories.messages.statistics();
  return {
    messagesByBox,
    totalMessages: messagesByBox.reduce((sum, r) => sum + r.messages, 0),
    devices: await repositories.devices.counts(),
    sessions: redisUrl
      ? await redisSessionCount(redisUrl, sessionTtlSeconds, redisNamespace)
      : null,
  };
}

async function redisSessionCount(
  url: string,
  ttlSeconds: number,
  namespace: string,
): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return await new RedisSessionStore(redis, ttlSeconds, namespace).size();
  } finally {
    redis.disconnect();
  }
}
