import { connect } from 'node:net';
import { BodyLimit } from '../../src/database/body-limit';
import { settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { describeOnDatabase } from '../helpers/database-targets';
import { whileHealthy } from '../helpers/health-during';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { testEnvironment } from '../helpers/test-environment';

const MAX_BODY = 64 * 1024;

/** Sends the headers and half of a declared body, then nothing: resolves once the server hangs up. */
function halfSentRequest(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        'POST /sendMessage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n' +
          'x'.repeat(500),
      );
    });
    socket.on('data', () => undefined);
    socket.once('close', () => resolve());
    socket.once('error', reject);
  });
}

describe('HTTP budgets', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(
      testEnvironment({
        MAX_BODY_BYTES: String(MAX_BODY),
        HANDSHAKE_MAX_BODY_BYTES: '4096',
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
      }),
    );
  });
  afterAll(() => t.close());

  it('refuses a handshake body over HANDSHAKE_MAX_BODY_BYTES with 413, before parsing it', async () => {
    const res = await fetch(`${t.url}/.well-known/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: '0.1', padding: 'x'.repeat(16 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'ERR_PAYLOAD_TOO_LARGE' });
  });

  it('hangs up on clients that send half a request, within HTTP_REQUEST_TIMEOUT_SECONDS', async () => {
    const { result } = await whileHealthy(t.url, () =>
      settlesWithin(
        Promise.all(Array.from({ length: 20 }, () => halfSentRequest(t.url))),
        15000,
        'server closing slow connections',
      ),
    );
    expect(result).toHaveLength(20);
  });
});

describeOnDatabase('MariaDB', 'MAX_BODY_BYTES against the packet limit of $name', (target) => {
  let t!: TestApp;
  testAppOnDatabase(
    target,
    (env) => createTestApp(testEnvironment({ ...env, MAX_BODY_BYTES: String(20 * 1024 * 1024) })),
    (app) => (t = app),
  );

  it('lowers the body limit to what max_allowed_packet can store, so such bodies get 413', async () => {
    const limit = t.app.get(BodyLimit).maxBytes;
    expect(limit).toBeLessThan(20 * 1024 * 1024);
    const res = await fetch(`${t.url}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(limit + 1, 'x'),
    });
    expect(res.status).toBe(413);
  });
});
