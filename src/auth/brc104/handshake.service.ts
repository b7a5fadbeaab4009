import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { AUTH_SIGNATURE_PROTOCOL, CryptoProvider } from '../crypto/crypto-provider';
import { SessionStore } from '../sessions/session-store';
import { AUTH_VERSION } from './auth-headers';

export interface InitialResponse {
  version: string;
  messageType: 'initialResponse';
  identityKey: string;
  initialNonce: string;
  yourNonce: string;
  requestedCertificates: { certifiers: string[]; types: Record<string, string[]> };
  signature: number[];
}

const MAX_NONCE_LENGTH = 200;

/**
 * Answers a BRC-103 `initialRequest` posted to /.well-known/auth (docs/protocol/auth.md#handshake). Nothing about the
 * client is proven yet: its key is proven by its first signed request, verified against the
 * session created here.
 */
@Injectable()
export class HandshakeService {
  constructor(
    private readonly crypto: CryptoProvider,
    private readonly sessions: SessionStore,
  ) {}

  /** `clientIp` is where the handshake came from: sessions are budgeted per address. */
  async respond(message: unknown, clientIp?: string): Promise<InitialResponse> {
    const { identityKey, initialNonce } = this.parse(message);
    const sessionNonce = await this.crypto.createNonce();
    await this.sessions.create(sessionNonce, {
      peerIdentityKey: identityKey,
      peerNonce: initialNonce,
      createdAt: Date.now(),
      ...(clientIp !== undefined ? { clientIp } : {}),
    });
    // The client verifies base64decode(C + S) with Node's Buffer: decode the concatenation exactly
    // as it does. Buffer stops at the first "=", so a padded C signs C's bytes alone; a strict
    // decoder would throw on the padding inside the concatenation (a 500 for a valid nonce).
    const data = Buffer.from(initialNonce + sessionNonce, 'base64');
    const signature = await this.crypto.createSignature({
      protocolID: AUTH_SIGNATURE_PROTOCOL,
      keyID: `${initialNonce} ${sessionNonce}`,
      counterparty: identityKey,
      data,
    });
    return {
      version: AUTH_VERSION,
      messageType: 'initialResponse',
      identityKey: this.crypto.identityKey,
      initialNonce: sessionNonce,
      yourNonce: initialNonce,
      requestedCertificates: { certifiers: [], types: {} },
      signature,
    };
  }

  private parse(message: unknown): { identityKey: string; initialNonce: string } {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw invalid('The handshake body must be a BRC-103 message object.');
    }
    const m = message as Record<string, unknown>;
    if (m.version !== AUTH_VERSION)
      throw invalid(`Unsupported auth version; expected ${AUTH_VERSION}.`);
    if (m.messageType !== 'initialRequest') {
      throw invalid(
        'Only initialRequest messages are accepted here; this server requests no certificates.',
      );
    }
    if (typeof m.identityKey !== 'string' || !this.crypto.isValidPublicKey(m.identityKey)) {
      throw invalid('identityKey must be a compressed secp256k1 public key in hex.');
    }
    if (
      typeof m.initialNonce !== 'string' ||
      m.initialNonce.length === 0 ||
      m.initialNonce.length > MAX_NONCE_LENGTH ||
      !/^[A-Za-z0-9+/]+={0,2}$/.test(m.initialNonce)
    ) {
      throw invalid('initialNonce must be a non-empty base64 string.');
    }
    return { identityKey: m.identityKey.toLowerCase(), initialNonce: m.initialNonce };
  }
}

function invalid(description: string): AppError {
  return new AppError('ERR_INVALID_AUTH_MESSAGE', description);
}
