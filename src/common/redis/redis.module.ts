import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import { EnvironmentVariables } from '../../config/environment-variables';
import { REDIS_CLIENT } from './redis.tokens';

/** One Redis connection for the process (sessions, replay cache), only when REDIS_URL is set. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): Redis | undefined => {
        const url = config.get('REDIS_URL', { infer: true });
        if (!url) return undefined;
        // Loaded only when configured: a single-instance server never pays for the client.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const IoRedis = require('ioredis') as typeof import('ioredis').default;
        const client = new IoRedis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
        const logger = new Logger('Redis');
        client.on('error', (error: Error) => logger.warn(`Redis: ${error.message}`));
        return client;
      },
    },
  ],
  exports: [REDIS_CLIENT],
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
