import { PrivateKey } from '@bsv/sdk';
import { CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { FakeHeaderService } from '../helpers/fake-header-service';
import { newPayer, Payer, signedPost } from '../helpers/factories';
import { buildPayment } from '../helpers/payment-builder';
import { TestChainTracker } from '../helpers/test-chain-tracker';
import { testEnvironment } from '../helpers/test-environment';
import { TestWallet } from '../helpers/test-wallet';

/**
 * The real HTTP chain tracker (CHAIN_TRACKER_URL) against a header service on 127.0.0.1 that
 * answers, hangs, answers late or fails: roots are cached, every lookup has a time limit and a
 * per-identity budget, and a tracker that cannot answer in time is a 503.
 */
describe('chain tracker', () => {
  const chain = new TestChainTracker();
  const headers = new FakeHeaderService((h) => chain.rootAt(h));
  let t: TestApp;
  let serverKey: string;

  beforeAll(async () => {
    const url = await headers.start();
    t = await createTestApp(
      testEnvironment({
        DB_DRIVER: 'sqlite3',
        DB_SOURCE: ':memory:',
        CHAIN_TRACKER_URL: url,
        CHAIN_TRACKER_TIMEOUT_MS: '300',
        CHAIN_TRACKER_LOOKUPS_PER_MINUTE: '3',
      }),
    );
    serverKey = t.app.get(CryptoProvider).identityKey;
  });
  afterAll(async () => {
    await t.close();
    await headers.stop();
  });
  beforeEach(() => {
    headers.mode = 'ok';
  });

  const sender = () => newPayer(chain);

  async function paidSend(from: Payer, payer: TestWallet = from.wallet) {
    const recipient = PrivateKey.fromRandom().toPublicKey().toString();
    const payment = await buildPayment(payer, serverKey, [
      { to: 'server', satoshis: 10 },
      { to: recipient, satoshis: 10 },
    ]);
    return signedPost<{ code?: string }>(
      from.http,
      `${t.url}/sendMessage`,
      {
        message: {
          recipient,
          messageBox: 'notifications',
          messageId: `m-${Math.random()}`,
          body: 'x',
        },
        payment,
      },
      5000,
    );
  }

  it('confirms a root over HTTP once and answers later checks of that block from its cache', async () => {
    const alice = sender();
    const before = headers.requests;
    expect((await paidSend(alice)).status).toBe(200);
    expect(headers.requests).toBe(before + 1);
    // Another payment funded from the same (already confirmed) block needs no lookup.
    alice.wallet.fundFrom = alice.wallet.lastFunding;
    const second = await paidSend(alice);
    expect(second).toMatchObject({ status: 400, json: { code: 'ERR_PAYMENT_ALREADY_USED' } });
    expect(headers.requests).toBe(before + 1);
  });

  it.each(['hang', 'slow', 'error'] as const)(
    'answers 503 ERR_PAYMENT_VERIFICATION_UNAVAILABLE when the header service %s',
    async (mode) => {
      headers.mode = mode;
      const res = await paidSend(sender());
      expect(res).toMatchObject({
        status: 503,
        json: { code: 'ERR_PAYMENT_VERIFICATION_UNAVAILABLE' },
      });
    },
  );

  it('refuses a root the header service does not know', async () => {
    const alice = sender();
    const otherChain = new TestWallet(alice.wallet.privateKey, new TestChainTracker());
    const res = await paidSend(alice, otherChain);
    expect(res).toMatchObject({ status: 400, json: { code: 'ERR_INSUFFICIENT_PAYMENT' } });
  });

  it('bounds the lookups one identity can cause per minute', async () => {
    const mallory = sender();
    const statuses: number[] = [];
    const codes: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await paidSend(mallory);
      statuses.push(res.status);
      codes.push(res.json.code);
    }
    expect({ statuses, last: codes[3] }).toEqual({
      statuses: [200, 200, 200, 429],
      last: 'ERR_TOO_MANY_REQUESTS',
    });
    // Another identity is not affected.
    expect((await paidSend(sender())).status).toBe(200);
  });
});
