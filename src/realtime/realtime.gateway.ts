import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AppError } from '../common/errors/app-error';
import { clientIp } from '../common/http/client-ip';
import { LimitsConfig, RealtimeConfig, ServerConfig } from '../config/configuration';
import { RequestBudget } from '../rate-limit/request-budget';
import { decodeEvent, parseAuthMessage } from './authsocket-codec';
import { LiveDeliveryService } from './live-delivery.service';
import { ProtocolViolation } from './protocol-violation';
import { AUTH_MESSAGE_EVENT, REALTIME_LIMITS } from './realtime.constants';
import { SocketAuthenticator } from './socket-authenticator';
import { SocketEventsHandler } from './socket-events.handler';
import { SocketRegistry } from './socket-registry';
import { SocketSession } from './socket-session';
import { describeErrorWithStack } from '../common/errors/describe-error';

/**
 * MessageBox live delivery over Socket.IO with BRC-103 per socket (docs/protocol/realtime.md#gateway-structure). Only
 * `authMessage` is listened to (docs/protocol/realtime.md#only-authmessage-is-accepted); every failure closes that socket and nothing else
 * (docs/protocol/realtime.md#one-bad-message-closes-one-socket: the reference server crashes on one malformed message). Engine path /socket.io/
 * at the origin root; namespace "/" and, with ROUTING_PREFIX, "/<prefix>" too, because the
 * client uses the host URL's path as namespace (docs/protocol/realtime.md#namespaces-and-the-routing-prefix).
 */
@WebSocketGateway({ cors: { origin: '*', methods: ['GET', 'POST'] } })
export class RealtimeGateway implements OnGatewayInit<Server>, OnGatewayConnection<Socket> {
  private readonly logger = new Logger('Realtime');
  private readonly maxPayloadBytes: number;
  private readonly prefix: string;
  // ---- Connection budgets. ----
  private readonly authTimeoutMs: number;
  /** 0: verified sockets are never closed for idleness. */
  private readonly idleTimeoutMs: number;
  private readonly maxPerIp: number;
  private readonly maxPerIdentity: number;
  private readonly proxyHops: number;
  /** Open sockets by client IP, authenticated or not. */
  private readonly openByIp = new Map<string, number>();
  // ---- End of connection budgets. ----

  constructor(
    server: ServerConfig,
    limits: LimitsConfig,
    realtime: RealtimeConfig,
    private readonly auth: SocketAuthenticator,
    private readonly events: SocketEventsHandler,
    private readonly registry: SocketRegistry,
    private readonly delivery: LiveDeliveryService,
    private readonly budget: RequestBudget,
  ) {
    // A payload is ~4 frame characters per byte: the frame limit bounds it before this does.
    this.maxPayloadBytes = Math.min(limits.maxBodyBytes, realtime.maxFrameBytes);
    this.prefix = server.routingPrefix;
    this.authTimeoutMs = realtime.authTimeoutMs;
    this.idleTimeoutMs = realtime.idleTimeoutMs;
    this.maxPerIp = realtime.maxPerIp;
    this.maxPerIdentity = realtime.maxPerIdentity;
    this.proxyHops = server.trustProxyHops;
  }

  afterInit(server: Server): void {
    this.delivery.attach(server);
    if (this.prefix) server.of(this.prefix).on('connection', (s) => this.handleConnection(s));
  }

  handleConnection(socket: Socket): void {
    const ip = clientIp(
      socket.request.socket.remoteAddress,
      socket.request.headers['x-forwarded-for'],
      this.proxyHops,
    );
    const open = this.openByIp.get(ip) ?? 0;
    if (open >= this.maxPerIp) {
      this.logger.debug(`Refusing socket ${socket.id}: ${open} already open from ${ip}`);
      socket.disconnect(true);
      return;
    }
    this.openByIp.set(ip, open + 1);
    const session = new SocketSession(socket, ip);
    session.setDeadline(this.authTimeoutMs, () =>
      this.close(session, 'no verified message in time'),
    );
    socket.on(AUTH_MESSAGE_EVENT, (raw: unknown) => this.enqueue(session, raw));
    socket.once('disconnect', () => this.forget(session));
  }

  /** One message at a time per socket, so events keep their order (join before send). */
  private enqueue(session: SocketSession, raw: unknown): void {
    if (session.closed) return;
    if (++session.queued > REALTIME_LIMITS.maxQueuedMessages) {
      this.close(session, 'too many queued messages');
      return;
    }
    session.queue = session.queue.then(async () => {
      try {
        if (!session.closed) await this.process(session, raw);
      } catch (error) {
        this.reject(session, error);
      } finally {
        session.queued--;
      }
    });
  }

  private async process(session: SocketSession, raw: unknown): Promise<void> {
    const message = parseAuthMessage(raw, this.maxPayloadBytes);
    if (message.messageType === 'initialRequest') {
      const reply = await this.auth.handshake(session, message);
      if (!session.closed) session.socket.emit(AUTH_MESSAGE_EVENT, reply);
      return;
    }
    const known = session.identityKey !== undefined;
    await this.auth.verify(session, message);
    const event = decodeEvent(message.payload);
    const identityKey = session.identityKey as string;
    session.lastActiveAt = Date.now();
    if (!known) {
      if (this.registry.socketsOf(identityKey).size >= this.maxPerIdentity) {
        throw new ProtocolViolation('too many sockets for this identity');
      }
      // The authentication deadline is met: the idle one takes its place.
      session.clearDeadline();
      this.armIdleDeadline(session);
      (session.socket.data as { identityKey?: string }).identityKey = identityKey;
      this.registry.add(session);
    }
    try {
      // Every verified event is one request of the identity's and the address's budget.
      await this.budget.spend(identityKey, session.ip);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) {
        await this.events.refuse(session, event, error);
        return;
      }
      throw error;
    }
    await this.events.handle(session, identityKey, event);
    // A leaveRoom of the last room restarts the idle clock.
    if (!session.deadline && session.roomCount === 0) this.armIdleDeadline(session);
  }

  /**
   * A verified socket in no room, silent for SOCKET_IDLE_TIMEOUT_SECONDS, is closed like any
   * socket over a limit (docs/protocol/realtime.md#idle-sockets). A socket in a room is a live
   * listener (the official client listens for hours and never reconnects after a server-side
   * close): it stays, bounded by the per-identity and per-IP socket budgets, and engine.io's
   * heartbeat drops it if the peer dies. Its timer is re-armed when it leaves its last room.
   */
  private armIdleDeadline(session: SocketSession, ms = this.idleTimeoutMs): void {
    if (this.idleTimeoutMs === 0 || session.closed) return;
    session.setDeadline(ms, () => {
      if (session.closed || session.roomCount > 0) return;
      const idleMs = Date.now() - session.lastActiveAt;
      if (idleMs >= this.idleTimeoutMs) this.close(session, 'idle, in no room');
      else this.armIdleDeadline(session, this.idleTimeoutMs - idleMs);
    });
  }

  private reject(session: SocketSession, error: unknown): void {
    if (error instanceof ProtocolViolation) {
      this.close(session, error.reason);
    } else {
      this.logger.error(`authMessage handling failed: ${describeErrorWithStack(error)}`);
      this.close(session, 'internal error');
    }
  }

  private close(session: SocketSession, reason: string): void {
    if (session.closed) return;
    this.logger.debug(`Closing socket ${session.socket.id}: ${reason}`);
    this.forget(session);
    session.socket.disconnect(true);
  }

  /** Disconnect clean-up: delivery registry and BRC-103 sessions (Socket.IO leaves the rooms). */
  private forget(session: SocketSession): void {
    if (session.closed) return;
    session.closed = true;
    session.clearDeadline();
    const open = (this.openByIp.get(session.ip) ?? 1) - 1;
    if (open > 0) this.openByIp.set(session.ip, open);
    else this.openByIp.delete(session.ip);
    this.registry.remove(session);
    void this.auth.release(session);
  }
}
