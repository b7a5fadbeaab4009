import type { Socket } from 'socket.io';

/** The BRC-103 session the server signs its messages to this socket for. */
export interface PeerBinding {
  /** The client's session nonce C: outgoing messages carry yourNonce = C, keyID "<N'> <C>". */
  peerNonce: string;
  /** The verified client key (lowercase hex), the counterparty of every signature. */
  identityKey: string;
}

/**
 * Per-socket BRC-103 state. The identity is set once, from the first verified general message,
 * and never changes: one identity per socket (docs/protocol/realtime.md#one-verified-identity-per-socket). Nothing here comes from
 * the client's claims.
 */
export class SocketSession {
  /** Set when the first general message verifies; absent means nothing may be sent to it. */
  private binding?: PeerBinding;
  /** Session nonces S created by this socket's handshakes; deleted from the store on close. */
  readonly sessionNonces: string[] = [];
  queued = 0;
  /** Serialises this socket's authMessages so that events keep the order they were sent in. */
  queue: Promise<void> = Promise.resolve();
  /** Boxes this socket sent leaveRoom for (and not joined again): no delivery there (docs/protocol/realtime.md#delivery-policy). */
  readonly leftBoxes = new Set<string>();
  /**
   * The socket's one timer: first the authentication deadline, then the idle deadline. It is not
   * reset per event (events only move `lastActiveAt`): when it fires it checks and re-arms itself.
   */
  deadline?: NodeJS.Timeout;
  /** Date.now() of the latest verified message (the idle clock). */
  lastActiveAt = Date.now();
  closed = false;

  constructor(
    readonly socket: Socket,
    /** The client's address (X-Forwarded-For per TRUST_PROXY_HOPS), for the per-IP budgets. */
    readonly ip: string = 'unknown',
  ) {}

  /** Replaces the pending deadline (if any) with `onExpire` after `ms`. */
  setDeadline(ms: number, onExpire: () => void): void {
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      this.deadline = undefined;
      onExpire();
    }, ms);
  }

  clearDeadline(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  /** Rooms joined: Socket.IO also puts every socket in a room of its own id, not counted. */
  get roomCount(): number {
    return this.socket.rooms.size - (this.socket.rooms.has(this.socket.id) ? 1 : 0);
  }

  get identityKey(): string | undefined {
    return this.binding?.identityKey;
  }

  get peer(): PeerBinding | undefined {
    return this.binding;
  }

  /** Records the session of the latest verified message; the identity itself is immutable. */
  bind(binding: PeerBinding): void {
    if (this.binding && this.binding.identityKey !== binding.identityKey) {
      throw new Error('A socket cannot change identity');
    }
    this.binding = binding;
  }
}
