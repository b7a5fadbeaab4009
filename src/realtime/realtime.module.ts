import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RedisModule } from '../common/redis/redis.module';
import { MessagesModule } from '../messages/messages.module';
import { MetricsModule } from '../operations/metrics/metrics.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { LiveDeliveryService } from './live-delivery.service';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeListener } from './realtime.listener';
import { RealtimeMetrics } from './realtime-metrics';
import { SocketAuthenticator } from './socket-authenticator';
import { SocketEventsHandler } from './socket-events.handler';
import { SocketRegistry } from './socket-registry';
import { SocketSigner } from './socket-signer';

/**
 * Live delivery over Socket.IO (docs/protocol/realtime.md). Imported only when ENABLE_WEBSOCKETS is true;
 * nothing imports it: it listens to domain events and calls MessagesService like a controller.
 */
@Module({
  // The socket handshake is Auth's own HandshakeService (same session store, same signature,
  // docs/protocol/auth.md#handshake).
  imports: [AuthModule, MessagesModule, RateLimitModule, RedisModule, MetricsModule],
  providers: [
    SocketAuthenticator,
    SocketSigner,
    SocketRegistry,
    SocketEventsHandler,
    LiveDeliveryService,
    RealtimeListener,
    RealtimeGateway,
    RealtimeMetrics,
  ],
})
export class RealtimeModule {}
