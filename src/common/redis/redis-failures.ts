import type Redis from 'ioredis';

const REDIS_FAILURE = Symbol('redisFailure');

/** True for an error that came from a Redis command (refused, timed out, connection lost). */
export function isRedisFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && REDIS_FAILURE in error;
}

/**
 * Makes every command promise of `client` safe to drop: a rejection handler is attached as soon
 * as the command is created, so a caller that never awaits it (the Socket.IO Redis adapter
 * publishes and subscribes fire-and-forget) cannot crash the process with an unhandled
 * rejection. The same handler marks the error, so the HTTP layer can answer 503
 * ERR_REDIS_UNAVAILABLE instead of 500. Handlers run in the order they were attached, so callers
 * that do await see the error already marked.
 */
export function guardCommands(client: Redis, onFailure: (error: Error) => void): Redis {
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
    const result = send(...args);
    void Promise.resolve(result).catch((error: unknown) => {
      if (typeof error === 'object' && error !== null) {
        Object.defineProperty(error, REDIS_FAILURE, { value: true });
      }
      onFailure(error instanceof Error ? error : new Error(String(error)));
    });
    return result;
  };
  return client;
}

/**
 * Commands issued while the connection is down fail at once instead of queueing until the
 * command timeout: a request is answered 503 immediately during an outage. The queue stays on
 * until the first connection, so commands sent during start-up wait for it.
 */
export function failFastWhileDisconnected(client: Redis): void {
  client.on('close', () => {
    client.options.enableOfflineQueue = false;
  });
  client.on('ready', () => {
    client.options.enableOfflineQueue = true;
  });
}
