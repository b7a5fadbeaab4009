import { PrivateKey, ProtoWallet, Utils } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import {
  AUTH_PROTOCOL as PROTOCOL,
  authHeaders,
  initialRequestBody,
  replySignatureValid,
  requestPreimage,
  signedRequestHeaders,
} from './brc104-signing';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** True when the x-bsv-auth-* headers carry a valid signature for this client's session. */
  signatureValid: boolean;
}

export interface SignedRequestOptions {
  method?: string;
  /** Path with query string, e.g. /probe/query?a=1 */
  target: string;
  body?: string;
  contentType?: string;
  /** Claimed identity header; defaults to the signer's own key. */
  claimIdentity?: string;
  /** Session nonce to use; defaults to this client's session with the server at `url`. */
  sessionNonce?: string;
  /** Body actually sent when it must differ from the signed one (tamper tests). */
  sendBody?: string;
}

/**
 * A hand-built BRC-104 client on @bsv/sdk primitives (independent of the server's code), for
 * requests AuthFetch would never send: spoofed identities, replays, tampered bodies.
 */
export class RawAuthClient {
  readonly wallet: ProtoWallet;
  readonly identityKey: string;
  private clientNonce = '';
  sessionNonce = '';
  serverKey = '';

  constructor(key: PrivateKey = PrivateKey.fromRandom()) {
    this.wallet = new ProtoWallet(key);
    this.identityKey = key.toPublicKey().toString();
  }

  async handshake(url: string): Promise<void> {
    this.clientNonce = Buffer.concat([randomBytes(16), randomBytes(32)]).toString('base64');
    const res = await fetch(`${url}/.well-known/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: initialRequestBody(this.identityKey, this.clientNonce),
    });
    if (res.status !== 200) throw new Error(`handshake failed: ${res.status} ${await res.text()}`);
    const reply = (await res.json()) as {
      initialNonce: string;
      identityKey: string;
      signature: number[];
    };
    const { valid } = await this.wallet.verifySignature({
      protocolID: PROTOCOL,
      keyID: `${this.clientNonce} ${reply.initialNonce}`,
      counterparty: reply.identityKey,
      data: Utils.toArray(this.clientNonce + reply.initialNonce, 'base64'),
      signature: reply.signature,
    });
    if (!valid) throw new Error('handshake signature invalid');
    this.sessionNonce = reply.initialNonce;
    this.serverKey = reply.identityKey;
  }

  /** Builds, signs and sends one request; returns it too so a test can send it again (replay). */
  async request(
    url: string,
    o: SignedRequestOptions,
  ): Promise<{ response: RawResponse; resend: (otherUrl?: string) => Promise<RawResponse> }> {
    const method = o.method ?? (o.body !== undefined ? 'POST' : 'GET');
    const parsed = new URL(url + o.target);
    const requestId = randomBytes(32);
    const nonce = randomBytes(32).toString('base64');
    const sessionNonce = o.sessionNonce ?? this.sessionNonce;
    const headers: Record<string, string> = {};
    if (o.body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';

    const { signature } = await this.wallet.createSignature({
      protocolID: PROTOCOL,
      keyID: `${nonce} ${sessionNonce}`,
      counterparty: this.serverKey,
      data: requestPreimage({
        requestId,
        method,
        path: parsed.pathname,
        search: parsed.search,
        headers: signedRequestHeaders(headers),
        body: o.body !== undefined ? Buffer.from(o.body, 'utf8') : undefined,
      }),
    });
    const send = async (otherUrl?: string): Promise<RawResponse> => {
      const res = await fetch(otherUrl ? new URL(otherUrl + o.target) : parsed, {
        method,
        headers: {
          ...headers,
          ...authHeaders({
            identityKey: o.claimIdentity ?? this.identityKey,
            nonce,
            sessionNonce,
            signature,
            requestId,
          }),
        },
        body: o.sendBody ?? o.body,
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        text,
        signatureValid: await this.verifyResponse(res, text, requestId),
      };
    };
    return { response: await send(), resend: send };
  }

  private verifyResponse(res: Response, text: string, requestId: Buffer): Promise<boolean> {
    return replySignatureValid(
      this.wallet,
      { clientNonce: this.clientNonce, serverKey: this.serverKey },
      requestId,
      {
        status: res.status,
        headers: [...res.headers.entries()],
        body: Buffer.from(text, 'utf8'),
      },
    );
  }
}
