import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Server } from 'socket.io';
import { REDIS_CLIENT } from '../common/redis/redis.tokens';
import { ServerConfig } from '../config/configuration';
import { encodeEvent } from './authsocket-codec';
import { DeliveryEnvelopes } from './delivery-envelope';
import { LiveDelivery } from './live-message';
import { DELIVER_EVENT } from './realtime.constants';
import { roomIdOf } from './room-id';
import { SocketRegistry } from './socket-registry';
import { SocketSigner } from './socket-signer';
import { describeError } from '../common/errors/describe-error';

/**
 * Delivers a stored message to its recipient's sockets (docs/protocol/realtime.md#delivery-policy): on this instance
 * directly, and to the other instances as a request each signs for its own sockets (docs/protocol/realtime.md#several-instances: a
 * pre-signed message cannot be broadcast), authenticated between instances by an HMAC.
 */
@Injectable()
export class LiveDeliveryService {
  private readonly logger = new Logger('Realtime');
  private server?: Server;
  /** Messages this instance delivered to sockets since start (one per socket; for metrics). */
  delivered = 0;
  /** Forwarded deliveries refused because their HMAC, age or shape was wrong (for logs). */
  refused = 0;
  private readonly envelopes: DeliveryEnvelopes;
  /** RealtimeIoAdapter installs the Redis adapter exactly when there is a Redis client. */
  private readonly clustered: boolean;

  constructor(
    private readonly registry: SocketRegistry,
    private readonly signer: SocketSigner,
    server: ServerConfig,
    @Inject(REDIS_CLIENT) redis: Redis | undefined,
  ) {
    this.clustered = redis !== undefined;
    this.envelopes = new DeliveryEnvelopes(server.privateKey);
  }

  /** Called by the gateway once Socket.IO is up; listens for other instances' deliveries. */
  attach(server: Server): void {
    this.server = server;
    server.on(DELIVER_EVENT, (envelope: unknown) => {
      const delivery = this.envelopes.open(envelope);
      if (!delivery) {
        if (this.refused++ % 100 === 0) this.logger.warn('Refused an unauthenticated delivery');
        return;
      }
      this.deliverLocally(delivery).catch((error: unknown) =>
        this.logger.error(`Forwarded delivery failed: ${String(error)}`),
      );
    });
  }

  async deliver(delivery: LiveDelivery): Promise<number> {
    // serverSideEmit exists only with a cluster adapter (Redis); the in-memory one just warns.
    if (this.server && this.clustered) {
      // Fire and forget: the Redis clients handle a failed publish (the message stays stored).
      this.server.serverSideEmit(DELIVER_EVENT, this.envelopes.seal(delivery));
    }
    return this.deliverLocally(delivery);
  }

  /** Signs one message per recipient socket on this instance; returns how many were sent. */
  async deliverLocally(delivery: LiveDelivery): Promise<number> {
    const sockets = [...this.registry.socketsOf(delivery.recipient)].filter(
      (s) => !s.leftBoxes.has(delivery.messageBox),
    );
    if (sockets.length === 0) return 0;
    const payload = encodeEvent(
      `sendMessage-${roomIdOf(delivery.recipient, delivery.messageBox)}`,
      delivery.message,
    );
    const sent = await Promise.all(
      sockets.map((s) =>
        this.signer.emitPayload(s, payload).catch((error: unknown) => {
          this.logger.error(`Live delivery failed: ${describeError(error)}`);
          return false;
        }),
      ),
    );
    const count = sent.filter(Boolean).length;
    this.delivered += count;
    return count;
  }
}
