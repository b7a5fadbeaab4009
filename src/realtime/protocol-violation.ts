/**
 * An authMessage that cannot be accepted: malformed, unverifiable, replayed, oversized or abusive.
 * The socket that sent it is closed; the reason is logged, never told to the peer.
 */
export class ProtocolViolation extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ProtocolViolation';
  }
}
