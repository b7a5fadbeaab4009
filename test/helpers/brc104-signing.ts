import { ProtoWallet, Utils } from '@bsv/sdk';

/**
 * BRC-104 over HTTP as a client signs and checks it (docs/protocol/auth.md#signed-request-payload),
 * written on @bsv/sdk primitives and independent of the server's code. Shared by the hand-built
 * clients (test/helpers/raw-auth-client.ts, test/fuzz/sdk-http-peer.ts, test/bench/lean-auth-client.ts)
 * so that the wire format is spelled out once on the test side too.
 */
export const AUTH_PROTOCOL: [2, string] = [2, 'auth message signature'];

/** The body of POST /.well-known/auth that opens a session. */
export function initialRequestBody(identityKey: string, initialNonce: string): string {
  return JSON.stringify({
    version: '0.1',
    messageType: 'initialRequest',
    identityKey,
    initialNonce,
    requestedCertificates: { certifiers: [], types: {} },
  });
}

/** The request headers a client signs, as AuthFetch picks them: sorted, content-type bare. */
export function signedRequestHeaders(headers: Record<string, string>): Array<[string, string]> {
  return Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v] as [string, string])
    .filter(
      ([k]) =>
        (k.startsWith('x-bsv-') && !k.startsWith('x-bsv-auth')) ||
        k === 'authorization' ||
        k === 'content-type',
    )
    .map(([k, v]) => [k, k === 'content-type' ? v.split(';')[0].trim() : v] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** The response headers the server signs: x-bsv-* other than x-bsv-auth-*, and authorization. */
export function signedResponseHeaders(
  headers: Iterable<[string, string]>,
): Array<[string, string]> {
  return [...headers]
    .filter(
      ([k]) => (k.startsWith('x-bsv-') && !k.startsWith('x-bsv-auth')) || k === 'authorization',
    )
    .sort(([a], [b]) => a.localeCompare(b));
}

export interface RequestToSign {
  requestId: Uint8Array;
  method: string;
  path: string;
  /** "?..." or empty. */
  search: string;
  /** From signedRequestHeaders(). */
  headers: Array<[string, string]>;
  /** Empty or absent bodies are written as "no body" (-1). */
  body?: Uint8Array;
}

/** The bytes a client signs for one request. */
export function requestPreimage(r: RequestToSign): number[] {
  const w = new Utils.Writer();
  w.write(Array.from(r.requestId));
  writeText(w, r.method);
  writeText(w, r.path.length > 0 ? r.path : undefined);
  writeText(w, r.search.length > 0 ? r.search : undefined);
  w.writeVarIntNum(r.headers.length);
  for (const [k, v] of r.headers) writeText(writeText(w, k), v);
  if (r.body && r.body.length > 0) w.writeVarIntNum(r.body.length).write(Array.from(r.body));
  else w.writeVarIntNum(-1);
  return w.toArray();
}

/** The bytes the server signs for one response. */
export function responsePreimage(
  requestId: Uint8Array,
  status: number,
  headers: Array<[string, string]>,
  body: Uint8Array,
): number[] {
  const w = new Utils.Writer();
  w.write(Array.from(requestId));
  w.writeVarIntNum(status);
  w.writeVarIntNum(headers.length);
  for (const [k, v] of headers) writeText(writeText(w, k), v);
  w.writeVarIntNum(body.length).write(Array.from(body));
  return w.toArray();
}

/** A response as a test client received it: status, headers (lower-case names) and raw body. */
export interface ReceivedReply {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/**
 * Whether `reply` carries the server's valid signature for the request `requestId` of the session
 * between `clientNonce` and `serverKey`: right request id, nonce and signature over the response.
 */
export async function replySignatureValid(
  wallet: Pick<ProtoWallet, 'verifySignature'>,
  session: { clientNonce: string; serverKey: string },
  requestId: Buffer,
  reply: ReceivedReply,
): Promise<boolean> {
  const header = (name: string) => reply.headers.find(([k]) => k === name)?.[1];
  const signature = header('x-bsv-auth-signature');
  const nonce = header('x-bsv-auth-nonce');
  if (!signature || !nonce || header('x-bsv-auth-request-id') !== requestId.toString('base64')) {
    return false;
  }
  const data = responsePreimage(
    requestId,
    reply.status,
    signedResponseHeaders(reply.headers),
    reply.body,
  );
  try {
    const { valid } = await wallet.verifySignature({
      protocolID: AUTH_PROTOCOL,
      keyID: `${nonce} ${session.clientNonce}`,
      counterparty: session.serverKey,
      data,
      signature: Utils.toArray(signature, 'hex'),
    });
    return valid;
  } catch {
    return false;
  }
}

/** The x-bsv-auth-* headers of a signed request. */
export function authHeaders(a: {
  identityKey: string;
  nonce: string;
  sessionNonce: string;
  signature: number[];
  requestId: Uint8Array;
}): Record<string, string> {
  return {
    'x-bsv-auth-version': '0.1',
    'x-bsv-auth-identity-key': a.identityKey,
    'x-bsv-auth-nonce': a.nonce,
    'x-bsv-auth-your-nonce': a.sessionNonce,
    'x-bsv-auth-signature': Utils.toHex(a.signature),
    'x-bsv-auth-request-id': Buffer.from(a.requestId).toString('base64'),
  };
}

function writeText(w: Utils.Writer, text: string | undefined): Utils.Writer {
  if (text === undefined) return w.writeVarIntNum(-1);
  const bytes = Utils.toArray(text, 'utf8');
  return w.writeVarIntNum(bytes.length).write(bytes);
}
