import { AuthFetch } from '@bsv/sdk';
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { identityOf, newWallet } from '../helpers/auth-clients';
import { testEnvironment } from '../helpers/test-environment';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample line, e.g. `name{label="x"} 3`; 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('Prometheus metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ METRICS_TOKEN: TOKEN }));
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<string> => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return res.text();
  };

  it('refuses scrapes without the bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', TOKEN]) {
      const res = await fetch(`${t.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        status: 'error',
        code: 'UNAUTHORIZED',
        description: 'A valid metrics bearer token is required.',
      });
    }
  });

  it('moves the request, message, socket and auth-failure numbers after real traffic', async () => {
    const before = await scrape();
    const alice = new AuthFetch(newWallet());
    const bobWallet = newWallet();
    const bob = await identityOf(bobWallet);
    const messageId = randomUUID();
    const sent = await alice.fetch(`${t.url}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: { recipient: bob, messageBox: 'inbox', messageId, body: 'hi' },
      }),
    });
    expect(sent.status).toBe(200);
    const acked = await new AuthFetch(bobWallet).fetch(`${t.url}/acknowledgeMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageIds: [messageId] }),
    });
    expect(acked.status).toBe(200);
    // A request claiming a session that does not exist: refused by the BRC-104 layer.
    const forged = await fetch(`${t.url}/listMessages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-bsv-auth-version': '0.1',
        'x-bsv-auth-identity-key': bob,
        'x-bsv-auth-nonce': Buffer.alloc(32).toString('base64'),
        'x-bsv-auth-your-nonce': Buffer.alloc(32, 1).toString('base64'),
        'x-bsv-auth-request-id': Buffer.alloc(32, 2).toString('base64'),
        'x-bsv-auth-signature': '00',
      },
      body: '{}',
    });
    expect(forged.status).toBe(401);

    const after = await scrape();
    const sendSeries =
      'messagebox_http_requests_total{method="POST",route="/sendMessage",status="200"}';
    expect(sample(after, sendSeries) - sample(before, sendSeries)).toBe(1);
    const handshakes =
      'messagebox_http_requests_total{method="POST",route="/.well-known/auth",status="200"}';
    expect(sample(after, handshakes) - sample(before, handshakes)).toBe(2); // alice and bob
    expect(
      sample(after, 'messagebox_messages_stored_total') -
        sample(before, 'messagebox_messages_stored_total'),
    ).toBe(1);
    expect(after).toMatch(
      /messagebox_http_request_duration_seconds_count\{method="POST",route="\/sendMessage",status="200"\} [1-9]/,
    );
    const failures = after
      .split('\n')
      .filter((l) => l.startsWith('messagebox_auth_failures_total{'))
      .reduce((sum, l) => sum + Number(l.split(' ')[1]), 0);
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(after).toContain('messagebox_connected_sockets 0');
    expect(after).toContain('messagebox_live_deliveries_total 0');
    expect(
      sample(after, 'messagebox_messages_acknowledged_total') -
        sample(before, 'messagebox_messages_acknowledged_total'),
    ).toBe(1);
    expect(after).toContain('process_cpu_seconds_total');
  });

  it('shows the bytes the in-memory replay cache holds growing with accepted signed requests', async () => {
    const series = 'messagebox_auth_replay_cache_bytes';
    const before = sample(await scrape(), series);
    const caller = new AuthFetch(newWallet());
    for (let i = 0; i < 3; i++) {
      const res = await caller.fetch(`${t.url}/devices`);
      expect(res.status).toBe(200);
    }
    expect(sample(await scrape(), series)).toBeGreaterThan(before);
  });

  it('labels requests refused before routing with their real route, and only unknown paths unmatched', async () => {
    const before = await scrape();
    // No auth at all: the guard answers 401 before any handler.
    expect((await fetch(`${t.url}/devices`)).status).toBe(401);
    // Authenticated, but the body is not JSON: refused by the JSON parser after verification.
    const alice = new AuthFetch(newWallet());
    const bad = await alice.fetch(`${t.url}/listMessages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"messageBox": ',
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${t.url}/no-such-route`)).status).toBe(404);
    const after = await scrape();
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(
      moved('messagebox_http_requests_total{method="GET",route="/devices",status="401"}'),
    ).toBe(1);
    expect(
      moved('messagebox_http_requests_total{method="POST",route="/listMessages",status="400"}'),
    ).toBe(1);
    expect(
      moved('messagebox_http_requests_total{method="GET",route="unmatched",status="404"}'),
    ).toBe(1);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment());
  });
  afterAll(() => t.close());

  it('does not exist (404)', async () => {
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 'error', code: 'ERR_NOT_FOUND' });
  });
});
