/**
 * A BRC-104 client for the abuse benchmark that signs multi-megabyte bodies without the SDK's
 * per-byte arrays (AuthFetch would exhaust the benchmark's own heap first): the payload is built
 * as buffers with the server's encoder, hashed with node:crypto, and the hash signed directly.
 * Responses are not verified; the e2e tests cover that.
 */
import { PrivateKey, ProtoWallet } from '@bsv/sdk';
import { createHash, randomBytes } from 'node:crypto';
import { requestPayload } from '../../src/auth/brc104/signed-payloads';
import {
  AUTH_PROTOCOL as PROTOCOL,
  authHeaders,
  initialRequestBody,
} from '../helpers/brc104-signing';

export class LeanAuthClient {
  private readonly wallet: ProtoWallet;
  readonly identityKey: string;
  private sessionNonce = '';
  private serverKey = '';

  constructor(key: PrivateKey = PrivateKey.fromRandom()) {
    this.wallet = new ProtoWallet(key);
    this.identityKey = key.toPublicKey().toString();
  }

  async handshake(url: string): Promise<void> {
    const res = await fetch(`${url}/.well-known/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // 48 bytes: base64 without padding, as AuthFetch sends.
      body: initialRequestBody(this.identityKey, randomBytes(48).toString('base64')),
    });
    if (res.status !== 200) throw new Error(`handshake: ${res.status}`);
    const reply = (await res.json()) as { initialNonce: string; identityKey: string };
    this.sessionNonce = reply.initialNonce;
    this.serverKey = reply.identityKey;
  }

  /** POSTs `body` (JSON text) signed for this client's session; returns status and text. */
  async post(url: string, path: string, body: string): Promise<{ status: number; text: string }> {
    if (!this.sessionNonce) await this.handshake(url);
    const requestId = randomBytes(32);
    const nonce = randomBytes(32).toString('base64');
    const bytes = Buffer.from(body, 'utf8');
    const hash = createHash('sha256');
    for (const part of requestPayload({
      requestId,
      method: 'POST',
      path,
      search: '',
      headers: [['content-type', 'application/json']],
      body: bytes,
    })) {
      hash.update(part);
    }
    const { signature } = await this.wallet.createSignature({
      protocolID: PROTOCOL,
      keyID: `${nonce} ${this.sessionNonce}`,
      counterparty: this.serverKey,
      hashToDirectlySign: Array.from(hash.digest()),
    });
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...authHeaders({
          identityKey: this.identityKey,
          nonce,
          sessionNonce: this.sessionNonce,
          signature,
          requestId,
        }),
      },
      body: bytes,
    });
    return { status: res.status, text: await res.text() };
  }
}
