import { Module } from '@nestjs/common';
import { HandshakeService } from '../auth/brc104/handshake.service';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { SessionStore } from '../auth/sessions/session-store';
import { MessagesModule } from '../messages/messages.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { LiveDeliveryService } from './live-delivery.service';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeListener } from './realtime.listener';
import { SocketAuthenticator } from './socket-authenticator';
import { SocketEventsHandler } from './socket-events.handler';
import { SocketRegistry } from './socket-registry';
import { SocketSigner } from './socket-signer';

/**
 * Live delivery over Socket.IO (docs/protocol/realtime.md). Imported only when ENABLE_WEBSOCKETS is true;
 * nothing imports it: it listens to domain events and calls MessagesService like a controller.
 */
@Module({
  imports: [MessagesModule, RateLimitModule],
  providers: [
    // The socket handshake is the HTTP one (same session store, same signature, docs/protocol/auth.md#handshake).
    {
      provide: HandshakeService,
      inject: [CryptoProvider, SessionStore],
      useFactory: (crypto: CryptoProvider, sessions: SessionStore) =>
        new HandshakeService(crypto, sessions),
    },
    SocketAuthenticator,
    SocketSigner,
    SocketRegistry,
    SocketEventsHandler,
    LiveDeliveryService,
    RealtimeListener,
    RealtimeGateway,
  ],
})
export class RealtimeModule {}
