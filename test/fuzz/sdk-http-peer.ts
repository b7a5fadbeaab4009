import { Peer, PrivateKey, ProtoWallet } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import * as brc104 from '../helpers/brc104-signing';
import { HttpReply } from './http-reply';
import { fail } from './property-failure';
import { RawHttpRequest, sendRaw } from './raw-http';

export interface SignedRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  /** Extra headers; those AuthFetch signs (x-bsv-*, authorization, content-type) are signed. */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * An honest BRC-104 peer on @bsv/sdk primitives, independent of the server's code: it signs any
 * request the way AuthFetch's serialiser does (over the target as sent) and verifies replies the
 * way its transport does. Used to get arbitrary input past authentication to the parsers.
 */
export class SdkHttpPeer {
  readonly wallet: ProtoWallet;
  readonly identityKey: string;
  private clientNonce = '';
  sessionNonce = '';
  serverKey = '';

  constructor(
    private readonly url: string,
    key: PrivateKey = PrivateKey.fromRandom(),
  ) {
    this.wallet = new ProtoWallet(key);
    this.identityKey = key.toPublicKey().toString();
  }

  async handshake(): Promise<void> {
    this.clientNonce = randomBytes(48).toString('base64');
    const reply = await sendRaw(this.url, {
      method: 'POST',
      target: '/.well-known/auth',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(brc104.initialRequestBody(this.identityKey, this.clientNonce)),
    });
    if (reply.status !== 200) fail(`handshake refused: ${reply.status} ${reply.body.toString()}`);
    const msg = JSON.parse(reply.body.toString()) as {
      initialNonce: string;
      identityKey: string;
      signature: number[];
    };
    const { valid } = await this.wallet.verifySignature({
      protocolID: brc104.AUTH_PROTOCOL,
      keyID: `${this.clientNonce} ${msg.initialNonce}`,
      counterparty: msg.identityKey,
      data: sdkBase64ToBytes(this.clientNonce + msg.initialNonce),
      signature: msg.signature,
    });
    if (!valid) fail('initialResponse signature does not verify');
    this.sessionNonce = msg.initialNonce;
    this.serverKey = msg.identityKey;
  }

  /** The auth headers AuthFetch would add to `r`, signed over its exact bytes. */
  async sign(r: SignedRequest): Promise<{ headers: Record<string, string>; requestId: Buffer }> {
    const requestId = randomBytes(32);
    const nonce = randomBytes(32).toString('base64');
    const q = r.target.indexOf('?');
    const path = q < 0 ? r.target : r.target.slice(0, q);
    const search = q < 0 || q === r.target.length - 1 ? '' : r.target.slice(q);
    const { signature } = await this.wallet.createSignature({
      protocolID: brc104.AUTH_PROTOCOL,
      keyID: `${nonce} ${this.sessionNonce}`,
      counterparty: this.serverKey,
      data: brc104.requestPreimage({
        requestId,
        method: r.method,
        path,
        search,
        headers: brc104.signedRequestHeaders(r.headers),
        body: r.body,
      }),
    });
    const { identityKey, sessionNonce } = this;
    return {
      requestId,
      headers: brc104.authHeaders({ identityKey, nonce, sessionNonce, signature, requestId }),
    };
  }

  /** Signs and sends `r`; the reply's signature is checked as AuthFetch would. */
  async send(r: SignedRequest): Promise<HttpReply & { signatureValid: boolean }> {
    const { headers, requestId } = await this.sign(r);
    const raw: RawHttpRequest = { ...r, headers: { ...r.headers, ...headers } };
    const reply = await sendRaw(this.url, raw);
    return { ...reply, signatureValid: await this.verifiesReply(reply, requestId) };
  }

  verifiesReply(reply: HttpReply, requestId: Buffer): Promise<boolean> {
    const headers = Object.entries(reply.headers).map(([k, v]): [string, string] => [
      k,
      Array.isArray(v) ? v.join(', ') : (v ?? ''),
    ]);
    return brc104.replySignatureValid(
      this.wallet,
      { clientNonce: this.clientNonce, serverKey: this.serverKey },
      requestId,
      {
        status: reply.status,
        headers,
        body: reply.body,
      },
    );
  }
}

/** How the official client decodes base64 nonces (Peer.base64ToBytes, private in its types). */
export const sdkBase64ToBytes = (text: string): number[] =>
  (Peer as unknown as { base64ToBytes: (t: string) => number[] }).base64ToBytes(text);
