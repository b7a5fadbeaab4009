import { INestApplicationContext, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { REDIS_CLIENT } from '../common/redis/redis.tokens';
import { EnvironmentVariables } from '../config/environment-variables';
import { REDIS_ADAPTER_KEY } from './realtime.constants';

/**
 * Socket.IO server options the gateway decorator cannot know (they come from the environment),
 * and, with REDIS_URL, the redis adapter that lets instances forward deliveries to each other
 * (REALTIME.md §8.3). Subscribing blocks a Redis connection, hence a dedicated pub/sub pair.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly connections: Redis[] = [];
  private readonly maxFrameBytes: number;
  private readonly redis: Redis | undefined;

  constructor(app: INestApplicationContext) {
    super(app);
    const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
    this.maxFrameBytes = config.get('SOCKET_MAX_FRAME_BYTES', { infer: true });
    this.redis = app.get<Redis | undefined>(REDIS_CLIENT);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      // Engine.IO reads a whole frame before anyone can look at it, unauthenticated: keep it to a
      // few MB. Byte arrays travel as JSON numbers (~4 characters per byte), so socket sends
      // carry bodies up to about a quarter of this; bigger ones go over HTTP.
      maxHttpBufferSize: this.maxFrameBytes,
    }) as Server;
    if (this.redis) {
      const pub = this.redis.duplicate();
      const sub = this.redis.duplicate();
      const logger = new Logger('Realtime');
      for (const client of [pub, sub]) {
        client.on('error', (error: Error) => logger.warn(`Redis adapter: ${error.message}`));
        this.connections.push(client);
      }
      // Loaded only with Redis: a single instance never needs it.
      const { createAdapter } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@socket.io/redis-adapter') as typeof import('@socket.io/redis-adapter');
      server.adapter(createAdapter(pub, sub, { key: REDIS_ADAPTER_KEY }));
    }
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.quit().catch(() => undefined)));
    this.connections.length = 0;
  }
}
