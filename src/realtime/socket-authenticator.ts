import { Injectable } from '@nestjs/common';
import { HandshakeService, InitialResponse } from '../auth/brc104/handshake.service';
import { verifyFromPeer } from '../auth/brc104/peer-signatures';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { SessionStore } from '../auth/sessions/session-store';
import { HandshakeRateLimiter } from '../rate-limit/handshake-rate-limiter';
import { InboundGeneralMessage, InboundInitialRequest } from './authsocket-codec';
import { ProtocolViolation } from './protocol-violation';
import { REALTIME_LIMITS } from './realtime.constants';
import { SocketSession } from './socket-session';

/**
 * The server half of BRC-103 over Socket.IO (docs/protocol/realtime.md#signatures-per-socket, docs/protocol/realtime.md#one-verified-identity-per-socket), on the HTTP layer's
 * handshake, SessionStore (TTL, size bound, replay cache) and CryptoProvider. A socket's sessions
 * are deleted when it closes: the official client handshakes again on every new socket.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly crypto: CryptoProvider,
    private readonly sessions: SessionStore,
    private readonly handshakes: HandshakeService,
    private readonly handshakeLimit: HandshakeRateLimiter,
  ) {}

  /** Same session creation and signature as POST /.well-known/auth (docs/protocol/auth.md#handshake). */
  async handshake(socket: SocketSession, request: InboundInitialRequest): Promise<InitialResponse> {
    if (socket.sessionNonces.length >= REALTIME_LIMITS.maxHandshakesPerSocket) {
      throw new ProtocolViolation('too many handshakes');
    }
    // A socket handshake creates a session like POST /.well-known/auth: same per-IP limit.
    if ((await this.handshakeLimit.spend(socket.ip)) > 0) {
      throw new ProtocolViolation('too many handshakes from this address');
    }
    let reply: InitialResponse;
    try {
      reply = await this.handshakes.respond(request.message, socket.ip);
    } catch {
      throw new ProtocolViolation('invalid initialRequest');
    }
    socket.sessionNonces.push(reply.initialNonce);
    // Closed while the session was being created: release() has already run.
    if (socket.closed) await this.release(socket);
    return reply;
  }

  /** Forgets the sessions this socket created (on disconnect); never throws. */
  async release(socket: SocketSession): Promise<void> {
    const nonces = socket.sessionNonces.splice(0);
    await Promise.all(nonces.map((s) => this.sessions.delete(s).catch(() => undefined)));
  }

  /**
   * Verifies a general message and binds the socket to its session's key. The identity is the
   * session's key, never the message's claim (docs/protocol/auth.md#identity-comes-from-the-session); a nonce is accepted once (replay).
   */
  async verify(socket: SocketSession, message: InboundGeneralMessage): Promise<void> {
    const sessionNonce = message.yourNonce;
    // Stateless HMAC check first, so junk never reaches the (possibly remote) store.
    if (!(await this.crypto.verifyNonce(sessionNonce))) throw new ProtocolViolation('bad nonce');
    const session = await this.sessions.get(sessionNonce);
    if (!session) throw new ProtocolViolation('unknown session');
    if (socket.identityKey && socket.identityKey !== session.peerIdentityKey) {
      throw new ProtocolViolation('second identity on one socket');
    }
    const refused = await verifyFromPeer(this.crypto, session, {
      claimedIdentityKey: message.identityKey,
      nonce: message.nonce,
      sessionNonce,
      data: message.payload,
      signature: message.signature,
    });
    if (refused) throw new ProtocolViolation(refused.replace('_', ' '));
    // Only after the signature: junk must not fill the replay cache.
    if (!(await this.sessions.markNonceUsed(sessionNonce, message.nonce))) {
      throw new ProtocolViolation('replay');
    }
    socket.bind({ peerNonce: session.peerNonce, identityKey: session.peerIdentityKey });
  }
}
