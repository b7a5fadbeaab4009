import { PrivateKey } from '@bsv/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../src/admin/run-admin';
import { EnvironmentVariables } from '../../src/config/environment-variables';
import { FeeCollector } from '../../src/payments/fees/fee-collector.service';
import { FEE_WALLET } from '../../src/payments/fees/fee-wallet';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { StandInFeeWallet } from '../helpers/stand-in-fee-wallet';
import { TestChainTracker, withChainTracker } from '../helpers/test-chain-tracker';
import { testEnvironment } from '../helpers/test-environment';
import { TestWallet } from '../helpers/test-wallet';

interface ListedFee {
  status: string;
  txid: string;
  vout: number;
  satoshis: number;
  derivationPrefix: string;
  derivationSuffix: string;
  senderIdentityKey: string;
  attempts: number;
  lastError: string | null;
}

/**
 * Received delivery fees go through a durable outbox to the server's wallet: a wallet outage
 * never fails a send nor loses a fee, failed fees are retried with backoff and by the operator,
 * and `npm run admin -- payments` shows every state with what is needed to sweep by hand.
 */
describe('delivery-fee collection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-fees-'));
  const tracker = new TestChainTracker();
  const serverPrivateKey = PrivateKey.fromRandom().toHex();
  const wallet = new StandInFeeWallet(serverPrivateKey);
  let env: EnvironmentVariables;
  let t: TestApp;
  let collector: FeeCollector;

  beforeAll(async () => {
    env = testEnvironment({
      DB_DRIVER: 'sqlite3',
      DB_SOURCE: join(dir, 'messagebox.db'),
      SERVER_PRIVATE_KEY: serverPrivateKey,
      FEE_COLLECTION_INTERVAL_MS: '0',
      FEE_MAX_ATTEMPTS: '2',
      FEE_RETRY_BASE_MS: '60000',
    });
    t = await createTestApp(env, [], 0, (b) =>
      withChainTracker(tracker)(b).overrideProvider(FEE_WALLET).useValue(wallet),
    );
    collector = t.app.get(FeeCollector);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function paidSend(): Promise<string> {
    const alice = newMessageBoxClient(
      t.url,
      new TestWallet(PrivateKey.fromRandom(), tracker).asWallet(),
    );
    const bob = PrivateKey.fromRandom().toPublicKey().toString();
    expect((await alice.sendNotification(bob, 'paid')).status).toBe('success');
    return alice.getIdentityKey();
  }

  async function fees(): Promise<ListedFee[]> {
    let text = '';
    expect(await runAdmin(['payments', '--json'], env, { write: (c: string) => (text += c) })).toBe(
      0,
    );
    return JSON.parse(text) as ListedFee[];
  }

  const later = (ms: number) => new Date(Date.now() + ms);

  it('accepts sends while the wallet is down, then internalizes the fee once it is back', async () => {
    wallet.online = false;
    const sender = await paidSend();
    const [pending] = await fees();
    expect(pending).toMatchObject({
      status: 'pending',
      vout: 0,
      satoshis: 10,
      senderIdentityKey: sender,
      attempts: 0,
    });
    expect(pending.txid).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.derivationPrefix.length).toBeGreaterThan(0);
    expect(pending.derivationSuffix.length).toBeGreaterThan(0);

    expect(await collector.collectDue()).toBe(0);
    expect((await fees())[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('ECONNREFUSED'),
    });

    wallet.online = true;
    // Not due before its backoff has passed.
    expect(await collector.collectDue()).toBe(0);
    expect(await collector.collectDue(later(60_001))).toBe(1);
    expect((await fees())[0]).toMatchObject({ status: 'internalized', lastError: null });
    expect(wallet.received).toEqual([
      expect.objectContaining({ txid: pending.txid, vout: 0, satoshis: 10 }),
    ]);

    let text = '';
    await runAdmin(['payments'], env, { write: (c: string) => (text += c) });
    expect(text).toContain('Delivery fees: 0 pending, 1 internalized, 0 failed');
    expect(text).toContain(`internalized\t${pending.txid}:0\t10 sats`);
  });

  it('marks a fee failed after FEE_MAX_ATTEMPTS, and the admin command retries it', async () => {
    wallet.online = false;
    await paidSend();
    expect(await collector.collectDue()).toBe(0);
    expect(await collector.collectDue(later(60_001))).toBe(0);
    const failed = (await fees()).find((f) => f.status === 'failed')!;
    expect(failed).toMatchObject({ attempts: 2 });

    let text = '';
    await runAdmin(['payments'], env, { write: (c: string) => (text += c) });
    expect(text).toContain('Delivery fees: 0 pending, 1 internalized, 1 failed');
    expect(text).toContain(
      `failed\t${failed.txid}:0\t10 sats\tprefix=${failed.derivationPrefix}\tsuffix=${failed.derivationSuffix}\tsender=${failed.senderIdentityKey}`,
    );

    text = '';
    await runAdmin(['payments', 'retry-failed'], env, { write: (c: string) => (text += c) });
    expect(text).toContain('1 failed fee(s) will be tried again');
    wallet.online = true;
    expect(await collector.collectDue()).toBe(1);
    expect((await fees()).map((f) => f.status)).toEqual(['internalized', 'internalized']);
  });
});
