import { randomBytes } from 'node:crypto';
import { AUTH_SIGNATURE_PROTOCOL, CryptoProvider, SignedData } from '../crypto/crypto-provider';
import { AuthSession } from '../sessions/auth-session';
import { AuthFailureReason } from './auth-failure';

/** The peer a message is signed for: its identity key and its session nonce C. */
export interface SigningPeer {
  identityKey: string;
  peerNonce: string;
}

/**
 * Signs `data` for one peer's session, as every BRC-103 message from the server is signed (HTTP
 * responses and socket messages alike, docs/protocol/auth.md#signed-response-payload): a fresh
 * nonce N', keyID "<N'> <C>", counterparty the peer's identity key.
 */
export async function signForPeer(
  crypto: CryptoProvider,
  peer: SigningPeer,
  data: SignedData,
): Promise<{ nonce: string; signature: number[] }> {
  const nonce = randomBytes(32).toString('base64');
  const signature = await crypto.createSignature({
    protocolID: AUTH_SIGNATURE_PROTOCOL,
    keyID: `${nonce} ${peer.peerNonce}`,
    counterparty: peer.identityKey,
    data,
  });
  return { nonce, signature };
}

/** One signed message from a peer, whatever carried it (HTTP headers or a socket message). */
export interface PeerMessage {
  /** The identity the message claims; it must be the session's (docs/protocol/auth.md#identity-comes-from-the-session). */
  claimedIdentityKey: string;
  /** The peer's nonce N for this message. */
  nonce: string;
  /** The server's session nonce S the message names. */
  sessionNonce: string;
  data: SignedData;
  signature: Uint8Array;
}

/**
 * The checks a signed message from a known session must pass, over HTTP and over sockets alike
 * (docs/protocol/auth.md#request-verification): the claimed identity is the session's, and the
 * signature (keyID "<N> <S>", counterparty the session's key) verifies. Returns the reason it
 * fails, or undefined. Replay protection is the caller's next step, after this one.
 */
export async function verifyFromPeer(
  crypto: CryptoProvider,
  session: AuthSession,
  message: PeerMessage,
): Promise<AuthFailureReason | undefined> {
  if (message.claimedIdentityKey.toLowerCase() !== session.peerIdentityKey) {
    return 'identity_mismatch';
  }
  const valid = await crypto.verifySignature({
    protocolID: AUTH_SIGNATURE_PROTOCOL,
    keyID: `${message.nonce} ${message.sessionNonce}`,
    counterparty: session.peerIdentityKey,
    data: message.data,
    signature: message.signature,
  });
  return valid ? undefined : 'bad_signature';
}
