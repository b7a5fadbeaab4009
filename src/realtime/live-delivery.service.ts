import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import { encodeEvent, isRecord } from './authsocket-codec';
import { LiveDelivery } from './live-message';
import { DELIVER_EVENT } from './realtime.constants';
import { roomIdOf } from './room-id';
import { SocketRegistry } from './socket-registry';
import { SocketSigner } from './socket-signer';

/**
 * Delivers a stored message to its recipient's sockets (REALTIME.md §7): on this instance
 * directly, and to the other instances as an unsigned request each signs for its own sockets
 * (§8.3: a pre-signed message cannot be broadcast).
 */
@Injectable()
export class LiveDeliveryService {
  private readonly logger = new Logger('Realtime');
  private server?: Server;
  /** Messages this instance delivered to sockets since start (one per socket; for metrics). */
  delivered = 0;

  constructor(
    private readonly registry: SocketRegistry,
    private readonly signer: SocketSigner,
  ) {}

  /** Called by the gateway once Socket.IO is up; listens for other instances' deliveries. */
  attach(server: Server): void {
    this.server = server;
    server.on(DELIVER_EVENT, (delivery: unknown) => {
      if (!isDelivery(delivery)) return;
      this.deliverLocally(delivery).catch((error: unknown) =>
        this.logger.error(`Forwarded delivery failed: ${String(error)}`),
      );
    });
  }

  async deliver(delivery: LiveDelivery): Promise<number> {
    // serverSideEmit exists only with a cluster adapter (Redis); the in-memory one just warns.
    if (this.server && this.server.of('/').adapter.constructor.name === 'RedisAdapter') {
      this.server.serverSideEmit(DELIVER_EVENT, delivery);
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
          this.logger.error(
            `Live delivery failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return false;
        }),
      ),
    );
    const count = sent.filter(Boolean).length;
    this.delivered += count;
    return count;
  }
}

/** Deliveries from other instances come through Redis: check the shape before using them. */
function isDelivery(value: unknown): value is LiveDelivery {
  return (
    isRecord(value) &&
    typeof value.recipient === 'string' &&
    typeof value.messageBox === 'string' &&
    isRecord(value.message)
  );
}
