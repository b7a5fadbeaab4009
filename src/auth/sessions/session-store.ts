import { AuthSession } from './auth-session';

/**
 * Where sessions and seen request nonces live. Asynchronous so that a shared store (Redis) lets a
 * client handshake with one instance and call another. Sessions expire after an idle TTL; an
 * expired session only costs the client an automatic re-handshake.
 */
export abstract class SessionStore {
  abstract create(sessionNonce: string, session: AuthSession): Promise<void>;
  /** The session; undefined when unknown or expired. Does not refresh its idle TTL. */
  abstract get(sessionNonce: string): Promise<AuthSession | undefined>;
  abstract delete(sessionNonce: string): Promise<void>;
  /**
   * Records that a signed message with this nonce was accepted on this session and refreshes the
   * session's idle TTL (only a valid signature keeps a session alive). Returns false when it was
   * already recorded (a replay) or the session is gone. Nonces live as long as their session.
   */
  abstract markNonceUsed(sessionNonce: string, nonce: string): Promise<boolean>;
  /** Number of live sessions (an estimate for shared stores). */
  abstract size(): Promise<number>;
}
