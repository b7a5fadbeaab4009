import { PrivateKey } from '@bsv/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../src/admin/run-admin';
import { EnvironmentVariables } from '../../src/config/environment-variables';
import { CHAIN_TRACKER } from '../../src/payments/chain-tracker.provider';
import { FeeCollector } from '../../src/payments/fees/fee-collector.service';
import { FEE_WALLET, FeeOutput } from '../../src/payments/fees/fee-wallet';
import { FEE_WALLET_SERVICES } from '../../src/payments/fees/fee-wallet.provider';
import { ToolboxFeeWallet } from '../../src/payments/fees/toolbox-fee-wallet';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { LocalWalletServices } from '../helpers/local-wallet-services';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { TestChainTracker } from '../helpers/test-chain-tracker';
import { testEnvironment } from '../helpers/test-environment';
import { TestWallet } from '../helpers/test-wallet';
import { WalletStorageServer } from '../helpers/wallet-storage-server';

/**
 * With WALLET_STORAGE_URL set, delivery fees end up in the server's own wallet, kept by a real
 * wallet storage server (the wallet toolbox's, over SQLite, on 127.0.0.1); an outage of that
 * server never fails a send, and the fee is taken in once it is back.
 */
describe('delivery fees into the server wallet at WALLET_STORAGE_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-fee-wallet-'));
  const tracker = new TestChainTracker();
  const services = new LocalWalletServices('test', tracker);
  const serverKey = PrivateKey.fromRandom();
  const serverIdentity = serverKey.toPublicKey().toString();
  let storage: WalletStorageServer;
  let env: EnvironmentVariables;
  let t: TestApp;
  let collector: FeeCollector;
  let log: jest.SpyInstance;

  beforeAll(async () => {
    // The storage server logs every request to the console.
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    storage = await WalletStorageServer.start(dir, serverKey.toHex(), services);
    env = testEnvironment({
      DB_DRIVER: 'sqlite3',
      DB_SOURCE: join(dir, 'messagebox.db'),
      SERVER_PRIVATE_KEY: serverKey.toHex(),
      BSV_NETWORK: 'testnet',
      WALLET_STORAGE_URL: storage.url,
      FEE_COLLECTION_INTERVAL_MS: '0',
      FEE_MAX_ATTEMPTS: '5',
      FEE_RETRY_BASE_MS: '60000',
    });
    t = await createTestApp(env, [], 0, (b) =>
      b
        .overrideProvider(CHAIN_TRACKER)
        .useValue(tracker)
        .overrideProvider(FEE_WALLET_SERVICES)
        .useValue(services.asWalletServices()),
    );
    collector = t.app.get(FeeCollector);
  });
  afterAll(async () => {
    await t?.close();
    await storage?.stop();
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  async function paidSend(): Promise<void> {
    const alice = newMessageBoxClient(
      t.url,
      new TestWallet(PrivateKey.fromRandom(), tracker).asWallet(),
    );
    const bob = PrivateKey.fromRandom().toPublicKey().toString();
    expect((await alice.sendNotification(bob, 'paid')).status).toBe('success');
  }

  async function fees(): Promise<
    { status: string; txid: string; attempts: number; lastError: string | null }[]
  > {
    let text = '';
    expect(await runAdmin(['payments', '--json'], env, { write: (c: string) => (text += c) })).toBe(
      0,
    );
    return JSON.parse(text) as {
      status: string;
      txid: string;
      attempts: number;
      lastError: string | null;
    }[];
  }

  async function adminText(): Promise<string> {
    let text = '';
    await runAdmin(['payments'], env, { write: (c: string) => (text += c) });
    return text;
  }

  it('uses the toolbox wallet when WALLET_STORAGE_URL is set', () => {
    expect(t.app.get(FEE_WALLET)).toBeInstanceOf(ToolboxFeeWallet);
  });

  it('puts a paid send’s fee output into the server wallet’s storage', async () => {
    await paidSend();
    const [pending] = await fees();
    expect(pending.status).toBe('pending');
    expect(await storage.spendableOutputs(serverIdentity)).toEqual([]);

    expect(services.broadcastTxids).not.toContain(pending.txid);

    expect(await collector.collectDue()).toBe(1);
    expect((await fees())[0]).toMatchObject({ status: 'internalized', lastError: null });
    // internalizeAction records the new transaction for broadcast but does not send it
    // (wallet-toolbox 2.1.26: storage/methods/internalizeAction.js broadcasts only when
    // getProvenOrReq says `isNew`, which it never sets); the storage's Monitor sends it.
    expect(await storage.broadcastStatus(pending.txid)).toBe('unsent');
    expect(services.broadcastTxids).not.toContain(pending.txid);
    await storage.broadcastWaiting();
    expect(services.broadcastTxids.filter((txid) => txid === pending.txid)).toHaveLength(1);
    expect(await storage.broadcastStatus(pending.txid)).toBe('unmined');
    // Internalizing a transaction new to the storage broadcasts it, through the storage server's
    // own services (wallet-toolbox storage/methods/internalizeAction.ts), exactly once.
    expect(services.broadcastTxids.filter((txid) => txid === pending.txid)).toHaveLength(1);
    expect(await storage.spendableOutputs(serverIdentity)).toEqual([
      { txid: pending.txid, vout: 0, satoshis: 10 },
    ]);
    expect(await t.app.get<ToolboxFeeWallet>(FEE_WALLET).balance()).toBe(10);
    expect(await adminText()).toContain('Delivery fees: 0 pending, 1 internalized, 0 failed');
  });

  it('accepts sends while the storage server is down and internalizes the fee once it is back', async () => {
    await storage.pause();
    await paidSend();
    const waiting = (await fees()).find((f) => f.status === 'pending')!;
    expect(await collector.collectDue()).toBe(0);
    expect((await fees()).find((f) => f.txid === waiting.txid)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.any(String),
    });
    expect(await adminText()).toContain('Delivery fees: 1 pending, 1 internalized, 0 failed');

    await storage.resume();
    expect(await collector.collectDue(new Date(Date.now() + 60_001))).toBe(1);
    expect((await fees()).map((f) => f.status)).toEqual(['internalized', 'internalized']);
    expect(await storage.spendableOutputs(serverIdentity)).toContainEqual({
      txid: waiting.txid,
      vout: 0,
      satoshis: 10,
    });
    expect(await adminText()).toContain('Delivery fees: 0 pending, 2 internalized, 0 failed');
  });

  it('connects when the storage comes back if it was down at the first fee, and taking a fee twice is harmless', async () => {
    await storage.pause();
    const fresh = new ToolboxFeeWallet(
      serverKey.toHex(),
      storage.url,
      'test',
      services.asWalletServices(),
      5_000,
    );
    let text = '';
    await runAdmin(['payments', '--json'], env, { write: (c: string) => (text += c) });
    const [first] = JSON.parse(text) as (FeeOutput & { beef: string })[];
    const fee: FeeOutput = { ...first, beefBase64: first.beef };
    await expect(fresh.internalize(fee)).rejects.toThrow();

    await storage.resume();
    // Already internalized by the app's wallet: a retry after a lost answer merges, no double count.
    await fresh.internalize(fee);
    expect(await fresh.balance()).toBe(20);
  });
});
