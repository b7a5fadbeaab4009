import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { EnvironmentVariables } from '../../config/environment-variables';
import { failFastWhileDisconnected, guardCommands } from './redis-failures';
import { redisNamespace } from './redis-namespace';
import { sharedClientOptions } from './redis-options';
import { REDIS_CLIENT, REDIS_NAMESPACE } from './redis.tokens';
import { ThrottledWarning } from './throttled-warning';

type Config = ConfigService<EnvironmentVariables, true>;

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
      inject: [ConfigService],
      useFactory: (config: Config): Redis | undefined => {
        const url = config.get('REDIS_URL', { infer: true });
        if (!url) return undefined;
        // Loaded only when configured: a single-instance server never pays for the client.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const IoRedis = require('ioredis') as typeof import('ioredis').default;
        const client = new IoRedis(
          url,
          sharedClientOptions({
            connectTimeoutMs: config.get('REDIS_CONNECT_TIMEOUT_MS', { infer: true }),
            commandTimeoutMs: config.get('REDIS_COMMAND_TIMEOUT_MS', { infer: true }),
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
      inject: [ConfigService],
      useFactory: (config: Config): string =>
        redisNamespace(
          config.get('SERVER_PRIVATE_KEY', { infer: true }),
          config.get('REDIS_NAMESPACE', { infer: true }),
        ),
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
