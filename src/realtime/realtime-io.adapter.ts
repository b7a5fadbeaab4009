import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { guardCommands } from '../common/redis/redis-failures';
import { publisherOptions, RedisTimeouts, subscriberOptions } from '../common/redis/redis-options';
import { REDIS_CLIENT, REDIS_NAMESPACE } from '../common/redis/redis.tokens';
import { ThrottledWarning } from '../common/redis/throttled-warning';
import { RealtimeConfig, RedisConfig } from '../config/configuration';
import { REDIS_ADAPTER_KEY } from './realtime.constants';

/**
 * Socket.IO server options the gateway decorator cannot know (they come from the environment),
 * and, with REDIS_URL, the redis adapter that lets instances forward deliveries to each other
 * (docs/protocol/realtime.md#several-instances). Subscribing blocks a Redis connection, hence a dedicated pub/sub pair.
 * The adapter publishes and subscribes without handling the promises: both clients are guarded
 * so that Redis being down (at start-up or later) is logged, never an unhandled rejection.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly connections: Redis[] = [];
  private readonly maxFrameBytes: number;
  private readonly redis: Redis | undefined;
  private readonly namespace: string;
  private readonly timeouts: RedisTimeouts;

  constructor(app: INestApplicationContext) {
    super(app);
    const redis = app.get(RedisConfig);
    this.maxFrameBytes = app.get(RealtimeConfig).maxFrameBytes;
    this.redis = app.get<Redis | undefined>(REDIS_CLIENT);
    this.namespace = app.get<string>(REDIS_NAMESPACE);
    this.timeouts = {
      connectTimeoutMs: redis.connectTimeoutMs,
      commandTimeoutMs: redis.commandTimeoutMs,
    };
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
      const logger = new Logger('Realtime');
      const warning = new ThrottledWarning(logger);
      const pub = this.redis.duplicate(publisherOptions(this.timeouts));
      const sub = this.redis.duplicate(subscriberOptions(this.timeouts));
      for (const client of [pub, sub]) {
        client.on('error', (error: Error) => warning.warn(`Redis adapter: ${error.message}`));
        guardCommands(client, (error) => warning.warn(`Redis adapter: ${error.message}`));
        this.connections.push(client);
      }
      // Loaded only with Redis: a single instance never needs it.
      const { createAdapter } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('@socket.io/redis-adapter') as typeof import('@socket.io/redis-adapter');
      server.adapter(createAdapter(pub, sub, { key: `${this.namespace}:${REDIS_ADAPTER_KEY}` }));
    }
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.all(
      this.connections.map((c) =>
        c.status === 'ready' ? c.quit().catch(() => undefined) : Promise.resolve(c.disconnect()),
      ),
    );
    this.connections.length = 0;
  }
}
