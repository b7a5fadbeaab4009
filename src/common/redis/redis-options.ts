import type { RedisOptions } from 'ioredis';

export interface RedisTimeouts {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** Reconnection never gives up (the instance heals when Redis returns), at most every 2 s. */
const retryStrategy = (attempt: number): number => Math.min(100 * 2 ** attempt, 2000);

/** The shared client: bounded connect and command times, one retry per command. */
export function sharedClientOptions(t: RedisTimeouts): RedisOptions {
  return {
    connectTimeout: t.connectTimeoutMs,
    commandTimeout: t.commandTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy,
  };
}

/**
 * The adapter's subscriber: its (p)subscribe commands must survive an outage at start-up, so
 * they wait in the offline queue without a timeout and are sent once Redis answers; ioredis then
 * re-subscribes by itself after every reconnection. Only subscriptions ever reach this queue.
 */
export function subscriberOptions(t: RedisTimeouts): RedisOptions {
  return {
    connectTimeout: t.connectTimeoutMs,
    commandTimeout: undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy,
  };
}

/** The adapter's publisher: a delivery to other instances is dropped, not queued, while down. */
export function publisherOptions(t: RedisTimeouts): RedisOptions {
  return {
    connectTimeout: t.connectTimeoutMs,
    commandTimeout: t.commandTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy,
  };
}
