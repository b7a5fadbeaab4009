import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisConfig, ServerConfig } from '../../config/configuration';
import { failFastWhileDisconnected, guardCommands } from './redis-failures';
import { redisNamespace } from './redis-namespace';
import { sharedClientOptions } from './redis-options';
import { REDIS_CLIENT, REDIS_NAMESPACE } from './redis.tokens';
import { ThrottledWarning } from './throttled-warning';

/**
 * One Redis connection for the process (sessions, replay cache), only when REDIS_URL is set. It
 * never gives up reconnecting and never lets a command wait without bound, so the instance
 * starts, serves (503 where Redis is needed) and heals without a restart. Not global: its users
 * (auth sessions, readiness, realtime) import it.
 */
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [RedisConfig],
      useFactory: (redis: RedisConfig): Redis | undefined => {
        const url = redis.url;
        if (!url) return undefined;
        // Loaded only when configured: a single-instance server never pays for the client.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const IoRedis = require('ioredis') as typeof import('ioredis').default;
        const client = new IoRedis(
          url,
          sharedClientOptions({
            connectTimeoutMs: redis.connectTimeoutMs,
            commandTimeoutMs: redis.commandTimeoutMs,
          }),
        );
        const logger = new Logger('Redis');
        const warning = new ThrottledWarning(logger);
        client.on('error', (error: Error) => warning.warn(`Redis: ${error.message}`));
        client.on('ready', () => logger.log('Redis connection ready'));
        guardCommands(client, (error) => warning.warn(`Redis command failed: ${error.message}`));
        failFastWhileDisconnected(client);
        return client;
      },
    },
    {
      provide: REDIS_NAMESPACE,
      inject: [ServerConfig, RedisConfig],
      useFactory: (server: ServerConfig, redis: RedisConfig): string =>
        redisNamespace(server.privateKey, redis.namespace),
    },
  ],
  exports: [REDIS_CLIENT, REDIS_NAMESPACE],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis | undefined) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    // QUIT needs a live connection; an unreachable server would keep the client reconnecting.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
  }
}
