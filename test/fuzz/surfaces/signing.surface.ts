import { AuthFetch, PrivateKey, ProtoWallet, Utils, WalletInterface } from '@bsv/sdk';
import fc from 'fast-check';
import { METHODS } from 'node:http';
import { requestPayload, signedRequestHeaders } from '../../../src/auth/brc104/signed-payloads';
import { fail, withinBudget } from '../property-failure';
import { assertClientReply } from '../http-reply';
import { Surface } from '../surface';

/**
 * One request an application makes through the official AuthFetch. Bodies are text for textual
 * content types (AuthFetch re-encodes those as UTF-8) and raw bytes otherwise.
 */
export interface SigningInput {
  method: string;
  path: string;
  query: string;
  headers: Array<[string, string]>;
  contentType?: string;
  body:
    | { kind: 'none' }
    | { kind: 'text'; text: string }
    | { kind: 'bytes'; base64: string }
    | { kind: 'huge'; bytes: number };
}

type SdkBody = string | Uint8Array | undefined;

/** AuthFetch's own serialiser (a private method of the official client, called as it calls it). */
const sdkSerialise = (
  AuthFetch.prototype as unknown as {
    serializeRequest: (
      this: unknown,
      method: string,
      headers: Record<string, string>,
      body: SdkBody,
      url: URL,
      requestId: number[],
    ) => Promise<Utils.Writer>;
  }
).serializeRequest;

const sdkNormalise = (
  AuthFetch.prototype as unknown as {
    normalizeBodyToNumberArray: (this: unknown, body: SdkBody) => Promise<number[]>;
  }
).normalizeBodyToNumberArray;

let client: AuthFetch | undefined;
let identityKey = '';

function bodyOf(input: SigningInput): SdkBody {
  switch (input.body.kind) {
    case 'none':
      return undefined;
    case 'text':
      return input.body.text;
    case 'bytes':
      return Uint8Array.from(Buffer.from(input.body.base64, 'base64'));
    case 'huge':
      return JSON.stringify('x'.repeat(input.body.bytes));
  }
}

function headersOf(input: SigningInput): Record<string, string> {
  const headers: Record<string, string> = Object.fromEntries(input.headers);
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  return headers;
}

/**
 * The body bytes on the wire, as AuthFetch's transport sends them: its own normalisation (which
 * JSON-encodes every object, typed arrays included), and "{}" or nothing when none is given.
 */
async function wireBody(body: SdkBody, method: string, contentType?: string): Promise<Buffer> {
  if (body === '') return Buffer.alloc(0);
  if (body === undefined) {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase())) return Buffer.alloc(0);
    return Buffer.from(contentType?.includes('application/json') ? '{}' : '');
  }
  return Buffer.from(await sdkNormalise.call(AuthFetch.prototype, body));
}

/** Property 1: the server rebuilds, from what arrives, exactly the bytes AuthFetch signed. */
async function samePayload(input: SigningInput, url: URL): Promise<void> {
  const requestId = Array.from(Utils.toArray('00'.repeat(32), 'hex'));
  const body = bodyOf(input);
  const headers = headersOf(input);
  const writer = await sdkSerialise.call(
    AuthFetch.prototype,
    input.method,
    headers,
    body,
    url,
    requestId,
  );
  const theirs = Buffer.from(writer.toArray());
  const received = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim()]),
  );
  const wire = await wireBody(body, input.method, headers['content-type']);
  const ours = Buffer.concat(
    requestPayload({
      requestId: Uint8Array.from(requestId),
      method: input.method,
      path: url.pathname,
      search: url.search,
      headers: signedRequestHeaders(received),
      body: wire,
    }),
  );
  if (!theirs.equals(ours)) {
    fail(
      `request payload differs from AuthFetch's: sdk ${theirs.length} bytes, server ${ours.length} bytes`,
    );
  }
}

/** Property 2: through the real app, the server verifies AuthFetch and AuthFetch verifies it. */
async function roundTrip(input: SigningInput, url: URL): Promise<void> {
  if (!client) fail('no client');
  const body = bodyOf(input);
  const send = () =>
    withinBudget(
      client!.fetch(url.href, {
        method: input.method,
        headers: headersOf(input),
        body: body as string,
      }),
      15000,
      'AuthFetch (a reply it cannot verify never settles)',
    );
  let res: Response;
  try {
    // A pooled keep-alive connection the server closed while the client was still signing a
    // large body fails with "fetch failed" before anything reaches the server: retried once.
    res = await send().catch((error: unknown) => {
      if (String(error).includes('fetch failed')) return send();
      throw error;
    });
  } catch (error) {
    const text = String(error);
    // The official client refuses some requests itself; they never reach the server.
    if (
      /body|Content-Type header is required|Unsupported header|method|Invalid URL|ByteString/i.test(
        text,
      )
    ) {
      if (!/failed to authenticate|status|without valid BSV/.test(text)) return;
    }
    throw error;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  // A reply to HEAD has no body by definition, so no error envelope either.
  if (input.method === 'HEAD' && res.status < 500 && bytes.length === 0) return;
  assertClientReply(
    { status: res.status, headers: {}, body: bytes },
    `${input.method} ${url.pathname}`,
  );
  if (res.status === 401) fail('the server refused a request AuthFetch signed');
  if (url.pathname === '/probe/echo' && input.method === 'POST' && res.status === 200) {
    const echoed = JSON.parse(bytes.toString('utf8')) as { identityKey: string; body: unknown };
    const expected: unknown = JSON.parse(
      (await wireBody(body, 'POST', 'application/json')).toString() || '{}',
    );
    if (echoed.identityKey !== identityKey) fail('the echo names another identity');
    if (JSON.stringify(echoed.body) !== JSON.stringify(expected)) fail('the echoed body differs');
  }
}

/**
 * Methods as they go on the wire: Node's HTTP parser answers unknown methods itself (400, before
 * any application code), and fetch upper-cases the standard ones after AuthFetch has signed them
 * as written, so a lower-case `post` can never verify (a limitation of the client, not the server).
 * OPTIONS is a CORS preflight, answered before authentication by design.
 */
const token = fc.constantFrom(
  ...METHODS.filter((m) => !['CONNECT', 'TRACE', 'TRACK', 'OPTIONS'].includes(m)),
);
/** Header values as HTTP carries them: surrounding whitespace is not part of the value. */
const printable = fc
  .string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 120,
  })
  .map((v) => v.trim());

export const signingSurface: Surface<SigningInput> = {
  name: 'signing',
  budgetMs: 30000,
  async setup() {
    const wallet = new ProtoWallet(PrivateKey.fromRandom());
    identityKey = (await wallet.getPublicKey({ identityKey: true })).publicKey;
    client = new AuthFetch(wallet as unknown as WalletInterface);
  },
  arbitrary() {
    const jsonText = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v));
    return fc.record(
      {
        method: token,
        path: fc.oneof(
          fc.constantFrom(
            '/probe/echo',
            '/probe/query',
            '/probe/no-content',
            '/probe/headers',
            '/probe/stream',
          ),
          fc.webPath(),
          fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => `/${s}`),
        ),
        query: fc.oneof(
          fc.constant(''),
          fc.webQueryParameters().map((q) => `?${q}`),
          fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `?${s}`),
        ),
        headers: fc.array(
          fc.tuple(
            fc
              .oneof(fc.constant('authorization'), fc.stringMatching(/^x-bsv-[a-z0-9-]{1,20}$/))
              .filter((n) => !n.startsWith('x-bsv-auth')),
            printable,
          ),
          { maxLength: 4 },
        ),
        contentType: fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'text/plain',
          'application/octet-stream',
          'application/x-www-form-urlencoded',
          'image/png',
        ),
        body: fc.oneof(
          fc.constant({ kind: 'none' as const }),
          fc
            .oneof(jsonText, fc.string({ unit: 'grapheme', maxLength: 200 }), fc.constant(''))
            .map((text) => ({ kind: 'text' as const, text })),
          fc
            .uint8Array({ maxLength: 300 })
            .map((b) => ({ kind: 'bytes' as const, base64: Buffer.from(b).toString('base64') })),
          fc
            .integer({ min: 100000, max: 1500000 })
            .map((bytes) => ({ kind: 'huge' as const, bytes })),
        ),
      },
      { requiredKeys: ['method', 'path', 'query', 'headers', 'body'] },
    );
  },
  async check(target, input) {
    let url: URL;
    try {
      url = new URL(`${target.url}${input.path}${input.query}`);
    } catch {
      return;
    }
    if (url.origin !== target.url) return;
    // Text bodies go out re-encoded as UTF-8 by AuthFetch; other content types as bytes.
    if (input.body.kind === 'bytes' && /json|text|urlencoded/.test(input.contentType ?? '')) return;
    await samePayload(input, url);
    await roundTrip(input, url);
  },
};
