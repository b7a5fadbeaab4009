/** What the server remembers of one BRC-103 session, keyed by its own session nonce S. */
export interface AuthSession {
  /** The client's identity key proven at the handshake's first signed message (lowercase hex). */
  peerIdentityKey: string;
  /** The client's session nonce C: responses are signed with keyID "<N'> <C>". */
  peerNonce: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The address that made the handshake: sessions are budgeted per client IP. */
  clientIp?: string;
}
