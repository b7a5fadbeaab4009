import { PrivateKey } from '@bsv/sdk';
import { CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { SessionStore } from '../../src/auth/sessions/session-store';
import { identityOf, newAuthFetch, newWallet, settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { probeCalls } from '../helpers/probe.controller';
import { ProbeModule } from '../helpers/probe.module';
import { RawAuthClient } from '../helpers/raw-auth-client';
import { testEnvironment } from '../helpers/test-environment';

const JSON_HEADERS = { 'content-type': 'application/json' };
const UNAUTHORIZED = {
  status: 'error',
  code: 'UNAUTHORIZED',
  message: 'Mutual-authentication failed!',
  description: 'Mutual-authentication failed!',
};

describe('BRC-103/104 over HTTP with the real AuthFetch', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ MAX_BODY_BYTES: '65536' }), [ProbeModule]);
  });
  afterAll(() => t.close());

  const authed = (path: string) => `${t.url}${path}`;

  it('handshakes, then POSTs JSON and reads the caller identity the server verified', async () => {
    const wallet = newWallet();
    const client = newAuthFetch(wallet);
    const res = await settlesWithin(
      client.fetch(authed('/probe/echo'), {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ hello: 'world' }),
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      identityKey: await identityOf(wallet),
      body: { hello: 'world' },
    });
    expect(res.headers.get('x-bsv-auth-identity-key')).toBe(
      t.app.get(SessionStore) && (await serverKey()),
    );
  });

  async function serverKey(): Promise<string> {
    const raw = new RawAuthClient();
    await raw.handshake(t.url);
    return raw.serverKey;
  }

  it('GETs with a query string exactly as signed, repeated keys becoming arrays', async () => {
    const client = newAuthFetch();
    const res = await settlesWithin(
      client.fetch(authed('/probe/query?recipient=a&recipient=b&box=in%20box')),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { query: unknown };
    expect(body.query).toEqual({ recipient: ['a', 'b'], box: 'in box' });
  });

  it('signs x-bsv-* response headers so the caller sees them', async () => {
    const res = await settlesWithin(newAuthFetch().fetch(authed('/probe/headers')));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-bsv-probe')).toBe('signed-value');
  });

  it.each([
    ['void handler', '/probe/void', 'POST', 200, ''],
    ['204 empty body', '/probe/no-content', 'GET', 204, ''],
    ['stream', '/probe/stream', 'GET', 200, 'chunk-1;chunk-2'],
  ])('resolves a %s response', async (_, path, method, status, text) => {
    const res = await settlesWithin(
      newAuthFetch().fetch(
        authed(path),
        method === 'POST' ? { method, headers: JSON_HEADERS, body: '{}' } : {},
      ),
    );
    expect(res.status).toBe(status);
    expect(await res.text()).toBe(text);
  });

  it('resolves thrown errors as signed JSON, never leaking internals', async () => {
    const client = newAuthFetch();
    const refused = await settlesWithin(client.fetch(authed('/probe/app-error')));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      status: 'error',
      code: 'ERR_PROBE_REFUSED',
      description: 'Refused by the probe.',
    });
    const crashed = await settlesWithin(client.fetch(authed('/probe/crash')));
    expect(crashed.status).toBe(500);
    const text = await crashed.text();
    expect(JSON.parse(text)).toEqual({
      status: 'error',
      code: 'ERR_INTERNAL',
      description: 'Internal server error',
    });
    expect(text).not.toContain('secret');
    const missing = await settlesWithin(client.fetch(authed('/no/such/route')));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('ERR_NOT_FOUND');
  });

  it('accepts odd but valid JSON, verified on the raw bytes', async () => {
    const client = newAuthFetch();
    for (const [body, parsed] of [
      ['{"b":1,"1":2}', { b: 1, 1: 2 }],
      ['{"a": 1.0}', { a: 1 }],
      ['{"s":"\\u00e9"}', { s: 'é' }],
    ] as const) {
      const res = await settlesWithin(
        client.fetch(authed('/probe/echo'), { method: 'POST', headers: JSON_HEADERS, body }),
      );
      expect(res.status).toBe(200);
      expect(((await res.json()) as { body: unknown }).body).toEqual(parsed);
    }
  });

  it('answers malformed JSON from an authenticated caller with a signed 400', async () => {
    const res = await settlesWithin(
      newAuthFetch().fetch(authed('/probe/echo'), {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{"broken":',
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      status: 'error',
      code: 'ERR_INVALID_JSON',
      description: 'The request body is not valid JSON.',
    });
  });

  it('re-handshakes transparently after the server forgot every session (a restart on the same port)', async () => {
    const client = newAuthFetch();
    const first = await settlesWithin(client.fetch(authed('/probe/query?n=1')));
    expect(first.status).toBe(200);
    const port = Number(new URL(t.url).port);
    await t.close();
    t = await createTestApp(t.env, [ProbeModule], port);
    const second = await settlesWithin(client.fetch(authed('/probe/query?n=2')));
    expect(second.status).toBe(200);
    expect(((await second.json()) as { query: unknown }).query).toEqual({ n: '2' });
  });

  it('answers 20 concurrent requests from two AuthFetch clients of one identity, each on its own session', async () => {
    const key = PrivateKey.fromRandom();
    const clients = [newAuthFetch(newWallet(key)), newAuthFetch(newWallet(key))];
    const results = await settlesWithin(
      Promise.all(
        Array.from({ length: 20 }, async (_, n) => {
          const res = await clients[n % 2].fetch(authed('/probe/slow'), {
            method: 'POST',
            headers: JSON_HEADERS,
            body: JSON.stringify({ n }),
          });
          return (await res.json()) as { n: number; identityKey: string };
        }),
      ),
      20000,
      '20 concurrent requests',
    );
    expect(results.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(new Set(results.map((r) => r.identityKey))).toEqual(
      new Set([key.toPublicKey().toString()]),
    );
  });

  describe('refusals (hand-built requests)', () => {
    it('refuses an identity spoof: A signs, claims B without a session for B; the handler never runs', async () => {
      const a = new RawAuthClient();
      await a.handshake(t.url);
      const victim = PrivateKey.fromRandom().toPublicKey().toString();
      const before = probeCalls.length;
      const { response } = await a.request(t.url, {
        target: '/probe/echo',
        body: '{"x":1}',
        claimIdentity: victim,
      });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.text)).toEqual(UNAUTHORIZED);
      expect(response.headers.get('x-bsv-auth-signature')).toBeNull();
      expect(probeCalls.length).toBe(before);
    });

    it('refuses an identity spoof while the victim has a live session, with its own or the victim session', async () => {
      const a = new RawAuthClient();
      const b = new RawAuthClient();
      await a.handshake(t.url);
      await b.handshake(t.url);
      const before = probeCalls.length;
      const own = await a.request(t.url, {
        target: '/probe/echo',
        body: '{}',
        claimIdentity: b.identityKey,
      });
      const victims = await a.request(t.url, {
        target: '/probe/echo',
        body: '{}',
        claimIdentity: b.identityKey,
        sessionNonce: b.sessionNonce,
      });
      expect([own.response.status, victims.response.status]).toEqual([401, 401]);
      expect(probeCalls.length).toBe(before);
      const honest = await b.request(t.url, { target: '/probe/echo', body: '{}' });
      expect(honest.response.status).toBe(200);
      expect(honest.response.signatureValid).toBe(true);
      expect(probeCalls[probeCalls.length - 1].identityKey).toBe(b.identityKey);
    });

    it('refuses a replayed request and runs its handler once', async () => {
      const a = new RawAuthClient();
      await a.handshake(t.url);
      const before = probeCalls.length;
      const { response, resend } = await a.request(t.url, { target: '/probe/void', body: '{}' });
      expect(response.status).toBe(200);
      expect(response.signatureValid).toBe(true);
      const replay = await resend();
      expect(replay.status).toBe(401);
      expect(probeCalls.length).toBe(before + 1);
    });

    it('refuses a tampered body and an unknown session', async () => {
      const a = new RawAuthClient();
      await a.handshake(t.url);
      const tampered = await a.request(t.url, {
        target: '/probe/echo',
        body: '{"pay":1}',
        sendBody: '{"pay":9}',
      });
      expect(tampered.response.status).toBe(401);
      const unknown = await a.request(t.url, {
        target: '/probe/echo',
        body: '{}',
        sessionNonce: Buffer.alloc(48, 7).toString('base64'),
      });
      expect(unknown.response.status).toBe(401);
    });

    it.each([
      ['no auth headers', {}],
      [
        'garbage headers',
        {
          'x-bsv-auth-version': '0.1',
          'x-bsv-auth-identity-key': 'zz',
          'x-bsv-auth-nonce': '!',
          'x-bsv-auth-your-nonce': '?',
          'x-bsv-auth-signature': 'nothex',
          'x-bsv-auth-request-id': 'short',
        },
      ],
      ['wrong version', { 'x-bsv-auth-version': '9.9' }],
      ['partial auth headers', { 'x-bsv-auth-version': '0.1', 'x-bsv-auth-nonce': 'a' }],
    ])('answers %s on a protected route with 401 JSON and keeps serving', async (_, headers) => {
      const res = await fetch(authed('/probe/echo'), {
        method: 'POST',
        headers: { ...JSON_HEADERS, ...headers },
        body: '{}',
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(UNAUTHORIZED);
      expect((await fetch(authed('/health'))).status).toBe(200);
    });

    it('answers a wrong signature with 401', async () => {
      const a = new RawAuthClient();
      const b = new RawAuthClient();
      await a.handshake(t.url);
      b.serverKey = a.serverKey;
      // b signs with its own key but uses a's session: the signature does not match a's key.
      const { response } = await b.request(t.url, {
        target: '/probe/echo',
        body: '{}',
        claimIdentity: a.identityKey,
        sessionNonce: a.sessionNonce,
      });
      expect(response.status).toBe(401);
    });

    it('answers an oversized body with 413 JSON before any crypto', async () => {
      const res = await fetch(authed('/probe/echo'), {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ pad: 'x'.repeat(70000) }),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { code: string }).code).toBe('ERR_PAYLOAD_TOO_LARGE');
    });

    it.each([
      ['malformed JSON', '{nope'],
      ['a non-object', '[1,2]'],
      [
        'a wrong message type',
        JSON.stringify({
          version: '0.1',
          messageType: 'general',
          identityKey: '02' + 'a'.repeat(64),
          initialNonce: 'AAAA',
        }),
      ],
      [
        'an off-curve identity key',
        JSON.stringify({
          version: '0.1',
          messageType: 'initialRequest',
          identityKey: '02' + '0'.repeat(63) + '5',
          initialNonce: 'AAAA',
        }),
      ],
      [
        'a missing nonce',
        JSON.stringify({
          version: '0.1',
          messageType: 'initialRequest',
          identityKey: PrivateKey.fromRandom().toPublicKey().toString(),
        }),
      ],
    ])('answers a handshake with %s with 400 JSON', async (_, body) => {
      const res = await fetch(`${t.url}/.well-known/auth`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body,
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { status: string; code: string };
      expect(json.status).toBe('error');
      expect(json.code).toMatch(/^ERR_INVALID_(JSON|AUTH_MESSAGE)$/);
    });
  });
});

describe('BRC-104 on the pure-JS crypto path (CRYPTO_BACKEND=sdk)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ CRYPTO_BACKEND: 'sdk' }), [ProbeModule]);
  });
  afterAll(() => t.close());

  it('serves the same protocol: AuthFetch round trip and a refused spoof', async () => {
    expect(t.app.get(CryptoProvider).kind).toBe('sdk');
    const wallet = newWallet();
    const res = await settlesWithin(
      newAuthFetch(wallet).fetch(`${t.url}/probe/echo`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{"a":1}',
      }),
    );
    expect(await res.json()).toEqual({ identityKey: await identityOf(wallet), body: { a: 1 } });
    const a = new RawAuthClient();
    await a.handshake(t.url);
    const { response } = await a.request(t.url, {
      target: '/probe/echo',
      body: '{}',
      claimIdentity: await identityOf(wallet),
    });
    expect(response.status).toBe(401);
  });
});
