import { AuthFetch } from '@bsv/sdk';
import { randomUUID } from 'node:crypto';
import { identityOf, newWallet } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';
import { LOG_DESTINATION } from '../../src/operations/logging/logging.tokens';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  identityKey?: string;
}

describe('request logs', () => {
  let t: TestApp;
  const written: string[] = [];
  const lines = (): LogLine[] => written.map((l) => JSON.parse(l) as LogLine);

  beforeAll(async () => {
    const destination = { write: (line: string) => void written.push(line) };
    t = await createTestApp(
      testEnvironment({ LOG_LEVEL: 'log', LOG_FORMAT: 'json' }),
      [],
      0,
      (builder) => builder.overrideProvider(LOG_DESTINATION).useValue(destination),
    );
  });
  afterAll(() => t.close());

  it('writes one JSON line per request with id, route, status, duration and caller, never secrets', async () => {
    const wallet = newWallet();
    const alice = new AuthFetch(wallet);
    const bob = await identityOf(newWallet());
    const secretBody = `secret-${randomUUID()}`;
    const res = await alice.fetch(`${t.url}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: { recipient: bob, messageBox: 'inbox', messageId: randomUUID(), body: secretBody },
      }),
    });
    expect(res.status).toBe(200);

    const send = lines().filter((l) => l.route === '/sendMessage');
    expect(send).toHaveLength(1);
    expect(send[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      method: 'POST',
      status: 200,
      identityKey: await identityOf(wallet),
    });
    expect(send[0].durationMs).toEqual(expect.any(Number));
    expect(send[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    const handshake = lines().filter((l) => l.route === '/.well-known/auth');
    expect(handshake).toHaveLength(1);
    expect(handshake[0].identityKey).toBeUndefined();
    expect(handshake[0].requestId).toMatch(/^[0-9a-f-]{36}$/);

    const everything = written.join('\n');
    expect(everything).not.toContain(secretBody);
    expect(everything).not.toMatch(/x-bsv-auth|signature|authorization/i);
    expect(everything).not.toContain(t.env.SERVER_PRIVATE_KEY!);
  });

  it("keeps a proxy's request id and returns it", async () => {
    const res = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc.123');
    const line = lines().find((l) => l.requestId === 'trace-abc.123');
    expect(line).toMatchObject({ route: '/health', status: 200, method: 'GET' });
  });
});
