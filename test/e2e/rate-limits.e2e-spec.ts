import { AuthFetch } from '@bsv/sdk';
import { newWallet, settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { RawAuthClient } from '../helpers/raw-auth-client';
import { testEnvironment } from '../helpers/test-environment';

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(
      testEnvironment({
        RATE_LIMIT_WINDOW_SECONDS: '300',
        RATE_LIMIT_HANDSHAKES_PER_IP: '3',
        RATE_LIMIT_REQUESTS_PER_IDENTITY: '2',
      }),
    );
  });
  afterAll(() => t.close());

  it('answers a signed 429 once one identity exceeds its requests per window', async () => {
    const alice = new AuthFetch(newWallet());
    const list = () =>
      alice.fetch(`${t.url}/listMessages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageBox: 'inbox' }),
      });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    // AuthFetch only hands over responses whose BRC-104 signature verified: the 429 is signed.
    const limited = await settlesWithin(list());
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      status: 'error',
      code: 'ERR_TOO_MANY_REQUESTS',
      description: expect.stringMatching(/^Too many requests: at most 2 per 300 s/) as string,
    });
    // Another identity from the same address is not affected.
    const bob = new AuthFetch(newWallet());
    const other = await bob.fetch(`${t.url}/devices`, { method: 'GET' });
    expect(other.status).toBe(200);
  });

  it('answers 429 to handshakes beyond the per-IP limit, in the protocol error shape', async () => {
    // Alice's and Bob's sessions above used two of the three handshakes of this address.
    await new RawAuthClient().handshake(t.url);
    const res = await fetch(`${t.url}/.well-known/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({
      status: 'error',
      code: 'ERR_TOO_MANY_REQUESTS',
      description: expect.stringMatching(/^Too many handshakes from this address\./) as string,
    });
    // Other routes are not counted against the handshake limit.
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
