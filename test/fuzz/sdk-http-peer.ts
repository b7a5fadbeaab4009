import { Peer, PrivateKey, ProtoWallet, Utils } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { HttpReply } from './http-reply';
import { fail } from './property-failure';
import { RawHttpRequest, sendRaw } from './raw-http';

const PROTOCOL: [2, string] = [2, 'auth message signature'];

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
      body: Buffer.from(
        JSON.stringify({
          version: '0.1',
          messageType: 'initialRequest',
          identityKey: this.identityKey,
          initialNonce: this.clientNonce,
          requestedCertificates: { certifiers: [], types: {} },
        }),
      ),
    });
    if (reply.status !== 200) fail(`handshake refused: ${reply.status} ${reply.body.toString()}`);
    const msg = JSON.parse(reply.body.toString()) as {
      initialNonce: string;
      identityKey: string;
      signature: number[];
    };
    const { valid } = await this.wallet.verifySignature({
      protocolID: PROTOCOL,
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
    const w = new Utils.Writer();
    w.write(Array.from(requestId));
    writeText(w, r.method);
    writeText(w, path.length > 0 ? path : undefined);
    writeText(w, search.length > 0 ? search : undefined);
    const signed = Object.entries(r.headers)
      .map(([k, v]) => [k.toLowerCase(), v] as [string, string])
      .filter(
        ([k]) =>
          (k.startsWith('x-bsv-') && !k.startsWith('x-bsv-auth')) ||
          k === 'authorization' ||
          k === 'content-type',
      )
      .map(([k, v]) => [k, k === 'content-type' ? v.split(';')[0].trim() : v] as [string, string])
      .sort(([a], [b]) => a.localeCompare(b));
    w.writeVarIntNum(signed.length);
    for (const [k, v] of signed) writeText(writeText(w, k), v);
    if (r.body.length > 0) w.writeVarIntNum(r.body.length).write(Array.from(r.body));
    else w.writeVarIntNum(-1);
    const { signature } = await this.wallet.createSignature({
      protocolID: PROTOCOL,
      keyID: `${nonce} ${this.sessionNonce}`,
      counterparty: this.serverKey,
      data: w.toArray(),
    });
    return {
      requestId,
      headers: {
        'x-bsv-auth-version': '0.1',
        'x-bsv-auth-identity-key': this.identityKey,
        'x-bsv-auth-nonce': nonce,
        'x-bsv-auth-your-nonce': this.sessionNonce,
        'x-bsv-auth-signature': Utils.toHex(signature),
        'x-bsv-auth-request-id': requestId.toString('base64'),
      },
    };
  }

  /** Signs and sends `r`; the reply's signature is checked as AuthFetch would. */
  async send(r: SignedRequest): Promise<HttpReply & { signatureValid: boolean }> {
    const { headers, requestId } = await this.sign(r);
    const raw: RawHttpRequest = { ...r, headers: { ...r.headers, ...headers } };
    const reply = await sendRaw(this.url, raw);
    return { ...reply, signatureValid: await this.verifiesReply(reply, requestId) };
  }

  async verifiesReply(reply: HttpReply, requestId: Buffer): Promise<boolean> {
    const h = (name: string) => {
      const v = reply.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    const signature = h('x-bsv-auth-signature');
    const nonce = h('x-bsv-auth-nonce');
    if (!signature || !nonce || h('x-bsv-auth-request-id') !== requestId.toString('base64')) {
      return false;
    }
    const w = new Utils.Writer();
    w.write(Array.from(requestId));
    w.writeVarIntNum(reply.status);
    const included = Object.keys(reply.headers)
      .filter(
        (k) => (k.startsWith('x-bsv-') && !k.startsWith('x-bsv-auth')) || k === 'authorization',
      )
      .sort((a, b) => a.localeCompare(b));
    w.writeVarIntNum(included.length);
    for (const k of included) writeText(writeText(w, k), h(k) ?? '');
    w.writeVarIntNum(reply.body.length).write(Array.from(reply.body));
    try {
      const { valid } = await this.wallet.verifySignature({
        protocolID: PROTOCOL,
        keyID: `${nonce} ${this.clientNonce}`,
        counterparty: this.serverKey,
        data: w.toArray(),
        signature: Utils.toArray(signature, 'hex'),
      });
      return valid;
    } catch {
      return false;
    }
  }
}

function writeText(w: Utils.Writer, text: string | undefined): Utils.Writer {
  if (text === undefined) return w.writeVarIntNum(-1);
  const bytes = Utils.toArray(text, 'utf8');
  return w.writeVarIntNum(bytes.length).write(bytes);
}

/** How the official client decodes base64 nonces (Peer.base64ToBytes, private in its types). */
export const sdkBase64ToBytes = (text: string): number[] =>
  (Peer as unknown as { base64ToBytes: (t: string) => number[] }).base64ToBytes(text);
