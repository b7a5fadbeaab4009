/**
 * npm run bench:payments [-- --sends 200 --runs 3]
 *
 * Server CPU per paid send against the built server (dist/main.js, started as `npm start` does):
 * each paid send carries a fresh payment built by a test wallet (one P2PKH input proven by a
 * merkle path in its own block, outputs for the server and the recipient), so every send costs a
 * full verification including one header lookup (served on 127.0.0.1 by a stand-in header
 * service); an unpaid send of the same shape to a free box is the baseline. Payments are built
 * before each phase, so the figures are the server's alone. Repeated `--runs` times (fresh
 * server each) to show the spread.
 */
import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeHeaderService } from '../helpers/fake-header-service';
import { buildPayment } from '../helpers/payment-builder';
import { TestChainTracker } from '../helpers/test-chain-tracker';
import { TestWallet } from '../helpers/test-wallet';
import { startServer } from './server-process';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SENDS = arg('sends', 200);
const RUNS = arg('runs', 3);
const SENDERS = 4;

interface Sender {
  wallet: TestWallet;
  http: AuthFetch;
}

async function post(url: string, from: Sender, body: unknown): Promise<void> {
  const res = await from.http.fetch(`${url}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`send answered ${res.status}: ${await res.text()}`);
}

/** Runs the bodies over the senders (one request in flight per sender); server ms per send. */
async function phase(
  url: string,
  senders: Sender[],
  bodies: unknown[][],
  cpuMs: () => number,
): Promise<number> {
  const cpu0 = cpuMs();
  await Promise.all(
    senders.map(async (s, i) => {
      for (const body of bodies[i]) await post(url, s, body);
    }),
  );
  return (cpuMs() - cpu0) / bodies.reduce((n, b) => n + b.length, 0);
}

async function run(): Promise<{ free: number; paid: number }> {
  const chain = new TestChainTracker();
  const headers = new FakeHeaderService((h) => chain.rootAt(h));
  const dir = mkdtempSync(join(tmpdir(), 'mb-bench-pay-'));
  const serverKey = randomBytes(32).toString('hex');
  const server = await startServer({
    NODE_ENV: 'production',
    SERVER_PRIVATE_KEY: serverKey,
    DB_SOURCE: join(dir, 'bench.db'),
    CHAIN_TRACKER_URL: await headers.start(),
    CHAIN_TRACKER_LOOKUPS_PER_MINUTE: '1000000',
  });
  try {
    const serverIdentity = PrivateKey.fromHex(serverKey).toPublicKey().toString();
    const senders: Sender[] = Array.from({ length: SENDERS }, () => {
      const wallet = new TestWallet(PrivateKey.fromRandom(), chain);
      return { wallet, http: new AuthFetch(wallet.asWallet()) };
    });
    const recipient = PrivateKey.fromRandom().toPublicKey().toString();
    const per = Math.ceil(SENDS / SENDERS);
    const message = (messageBox: string) => ({
      recipient,
      messageBox,
      messageId: randomBytes(8).toString('hex'),
      body: 'bench',
    });
    // Payments first: a long idle gap would let the server drop the clients' kept-alive sockets.
    const paidBodies: unknown[][] = [];
    for (const s of senders) {
      const bodies = [];
      for (let i = 0; i < per + 2; i++) {
        const payment = await buildPayment(s.wallet, serverIdentity, [
          { to: 'server', satoshis: 10 },
          { to: recipient, satoshis: 10 },
        ]);
        bodies.push({ message: message('notifications'), payment });
      }
      paidBodies.push(bodies);
    }
    // Warm-up: handshakes, first compilation, the box rows.
    const warm = senders.map(() => [{ message: message('bench-free') }]);
    await phase(server.url, senders, warm, server.cpuMs);
    const freeBodies = senders.map(() =>
      Array.from({ length: per }, () => ({ message: message('bench-free') })),
    );
    const free = await phase(server.url, senders, freeBodies, server.cpuMs);
    const paidWarm = paidBodies.map((b) => b.splice(0, 2));
    await phase(server.url, senders, paidWarm, server.cpuMs);
    const paid = await phase(server.url, senders, paidBodies, server.cpuMs);
    return { free, paid };
  } finally {
    await server.stop();
    await headers.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = [];
  for (let r = 0; r < RUNS; r++) {
    const res = await run();
    results.push(res);
    console.log(
      `run ${r + 1}: unpaid send ${res.free.toFixed(3)} ms server CPU, paid send ${res.paid.toFixed(3)} ms server CPU`,
    );
  }
  const spread = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `min ${s[0].toFixed(3)}  median ${s[Math.floor(s.length / 2)].toFixed(3)}  max ${s[s.length - 1].toFixed(3)}`;
  };
  console.log(`unpaid send (ms server CPU): ${spread(results.map((r) => r.free))}`);
  console.log(`paid send   (ms server CPU): ${spread(results.map((r) => r.paid))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
