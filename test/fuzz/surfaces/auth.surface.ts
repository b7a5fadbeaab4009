import { ProtoWallet } from '@bsv/sdk';
import fc from 'fast-check';
import {
  keyFromSeed,
  base64Nonce,
  hostileJson,
  keySeed,
  nastyString,
  rawBodyText,
} from '../arbitraries';
import { loadSeeds } from '../corpus';
import { FuzzTarget } from '../fuzz-target';
import { assertClientReply } from '../http-reply';
import { fail } from '../property-failure';
import { sendRaw, Unsendable } from '../raw-http';
import { SdkHttpPeer, sdkBase64ToBytes } from '../sdk-http-peer';
import { Surface } from '../surface';

/** A handshake body: an honest initialRequest for `keySeed`, with fields replaced or dropped. */
interface HandshakeInput {
  kind: 'handshake';
  keySeed: string;
  fields: Record<string, unknown>;
  drop: string[];
  /** Sent instead of the JSON object when present. */
  raw?: string;
  contentType?: string;
}

/** A general request signed by an honest peer, then with auth headers replaced or removed. */
interface RequestInput {
  kind: 'request';
  method: 'GET' | 'POST';
  target: string;
  body: string;
  headers: Array<[name: string, value: string | string[] | null]>;
}

export type AuthInput = HandshakeInput | RequestInput;

const AUTH_HEADER_NAMES = [
  'x-bsv-auth-version',
  'x-bsv-auth-identity-key',
  'x-bsv-auth-nonce',
  'x-bsv-auth-your-nonce',
  'x-bsv-auth-signature',
  'x-bsv-auth-request-id',
];

const NONCE = /^[A-Za-z0-9+/]+={0,2}$/;
const headerValue = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 300,
  }),
  base64Nonce,
  fc.stringMatching(/^[0-9a-fA-F]{0,150}$/),
  fc.constantFrom('0.1', '0.2', '', ' ', '00', '02' + 'ab'.repeat(32)),
);

let peer: SdkHttpPeer | undefined;

function handshakeBody(input: HandshakeInput): string {
  if (input.raw !== undefined) return input.raw;
  const seeds = loadSeeds<Record<string, unknown>>('handshake');
  const base: Record<string, unknown> = {
    ...(seeds[0] ?? {}),
    version: '0.1',
    messageType: 'initialRequest',
    identityKey: keyFromSeed(input.keySeed).toPublicKey().toString(),
    initialNonce: Buffer.from(input.keySeed.repeat(6)).toString('base64'),
    requestedCertificates: { certifiers: [], types: {} },
  };
  const body: Record<string, unknown> = { ...base, ...input.fields };
  for (const name of input.drop) delete body[name];
  return JSON.stringify(body);
}

/** True when the body is one every BRC-103 server must accept. */
function isHonest(input: HandshakeInput): boolean {
  if (input.raw !== undefined || input.drop.length > 0) return false;
  const changed = Object.keys(input.fields);
  const nonce = input.fields.initialNonce;
  return (
    changed.every((k) => k === 'initialNonce') &&
    (nonce === undefined || (typeof nonce === 'string' && NONCE.test(nonce) && nonce.length <= 200))
  );
}

async function checkHandshake(target: FuzzTarget, input: HandshakeInput): Promise<void> {
  const body = handshakeBody(input);
  const reply = await sendRaw(target.url, {
    method: 'POST',
    target: '/.well-known/auth',
    headers: { 'content-type': input.contentType ?? 'application/json' },
    body: Buffer.from(body, 'utf8'),
  });
  assertClientReply(reply, 'handshake');
  if (reply.status !== 200) {
    if (isHonest(input)) fail(`an honest initialRequest was refused with ${reply.status}`);
    return;
  }
  // Round trip: what the server signed, the client's own SDK verifies.
  const sent = JSON.parse(body) as { identityKey?: unknown; initialNonce?: unknown };
  const key = keyFromSeed(input.keySeed);
  if (String(sent.identityKey).toLowerCase() !== key.toPublicKey().toString()) return;
  const msg = JSON.parse(reply.body.toString()) as {
    initialNonce: string;
    signature: number[];
    identityKey: string;
  };
  const clientNonce = String(sent.initialNonce);
  const { valid } = await new ProtoWallet(key).verifySignature({
    protocolID: [2, 'auth message signature'],
    keyID: `${clientNonce} ${msg.initialNonce}`,
    counterparty: msg.identityKey,
    data: sdkBase64ToBytes(clientNonce + msg.initialNonce),
    signature: msg.signature,
  });
  if (!valid) fail('the initialResponse signature does not verify with @bsv/sdk');
}

async function checkRequest(target: FuzzTarget, input: RequestInput): Promise<void> {
  if (!peer) fail('no session');
  const body = Buffer.from(input.body, 'utf8');
  const headers0: Record<string, string> = body.length
    ? { 'content-type': 'application/json' }
    : {};
  const base = { method: input.method, target: input.target, headers: headers0, body };
  const { headers, requestId } = await peer.sign(base);
  const sent: Record<string, string | string[]> = { ...base.headers, ...headers };
  for (const [name, value] of input.headers) {
    if (value === null) delete sent[name];
    else sent[name] = value;
  }
  let reply;
  try {
    reply = await sendRaw(target.url, { ...base, headers: sent as Record<string, string> });
  } catch (error) {
    if (error instanceof Unsendable) return;
    throw error;
  }
  assertClientReply(reply, `${input.method} ${input.target}`);
  if (reply.status === 401) {
    if (input.headers.length === 0) fail('an honestly signed request was refused');
    if (Object.keys(reply.headers).some((h) => h.startsWith('x-bsv-auth'))) {
      fail('a 401 carries auth headers (AuthFetch would hang on it)');
    }
    return;
  }
  if (reply.headers['x-bsv-auth-signature'] && !(await peer.verifiesReply(reply, requestId))) {
    fail(`the signed ${reply.status} reply does not verify`);
  }
}

export const authSurface: Surface<AuthInput> = {
  name: 'auth',
  budgetMs: 10000,
  async setup(target) {
    peer = new SdkHttpPeer(target.url);
    await peer.handshake();
  },
  arbitrary() {
    const handshake: fc.Arbitrary<HandshakeInput> = fc.record(
      {
        kind: fc.constant('handshake' as const),
        keySeed,
        fields: fc.oneof(
          fc.record({ initialNonce: base64Nonce }),
          fc.dictionary(
            fc.constantFrom(
              'version',
              'messageType',
              'identityKey',
              'initialNonce',
              'requestedCertificates',
              'nonce',
              'yourNonce',
              'signature',
              'payload',
              '__proto__',
            ),
            fc.oneof(hostileJson, base64Nonce, nastyString),
            { maxKeys: 3 },
          ),
        ),
        drop: fc.subarray([
          'version',
          'messageType',
          'identityKey',
          'initialNonce',
          'requestedCertificates',
        ]),
        raw: rawBodyText,
        contentType: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/json; charset=latin1',
          '',
        ),
      },
      { requiredKeys: ['kind', 'keySeed', 'fields', 'drop'] },
    );
    const request: fc.Arbitrary<RequestInput> = fc.record({
      kind: fc.constant('request' as const),
      method: fc.constantFrom('GET' as const, 'POST' as const),
      target: fc.constantFrom(
        '/probe/query?a=1',
        '/probe/void',
        '/listMessages',
        '/permissions/list',
        '/nowhere',
      ),
      body: fc.oneof(fc.constant(''), fc.constant('{"messageBox":"inbox"}'), rawBodyText),
      headers: fc.array(
        fc.tuple(
          fc.constantFrom(...AUTH_HEADER_NAMES, 'content-type', 'x-bsv-custom', 'authorization'),
          fc.oneof(
            headerValue,
            fc.constant(null),
            fc.array(headerValue, { minLength: 2, maxLength: 3 }),
          ),
        ),
        { maxLength: 3 },
      ),
    });
    return fc
      .oneof(handshake, request)
      .map((i) => (i.kind === 'request' && i.method === 'GET' ? { ...i, body: '' } : i));
  },
  check(target, input) {
    return input.kind === 'handshake' ? checkHandshake(target, input) : checkRequest(target, input);
  },
};
