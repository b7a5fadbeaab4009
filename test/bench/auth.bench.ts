/**
 * npm run bench:auth: server CPU per BRC-104 handshake and per authenticated request, for the
 * native and the pure-JS crypto paths, measured from /proc on a real server process driven over
 * loopback by the real AuthFetch. Bounded in count; prints a table and writes JSON.
 */
import { PrivateKey, ProtoWallet, WalletInterface, AuthFetch } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCryptoProvider } from '../../src/auth/crypto/create-crypto-provider';
import { AUTH_SIGNATURE_PROTOCOL, CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { RawAuthClient } from '../helpers/raw-auth-client';
import { startServer } from './server-process';

const HANDSHAKES = Number(process.env.BENCH_HANDSHAKES ?? 300);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const CLIENTS = 8;

interface Row {
  backend: string;
  handshakeCpuMs: number;
  requestCpuMs: number;
  requestCryptoCpuMs: number;
  requestsPerSecond: number;
  peakRssMb: number;
}

/** In-process cost of the crypto one authenticated request needs: verify + sign. */
async function cryptoPerRequest(provider: CryptoProvider): Promise<number> {
  const client = new ProtoWallet(PrivateKey.fromRandom());
  const { publicKey } = await client.getPublicKey({ identityKey: true });
  const data = randomBytes(300);
  const keyID = `${randomBytes(32).toString('base64')} ${randomBytes(48).toString('base64')}`;
  const { signature } = await client.createSignature({
    protocolID: AUTH_SIGNATURE_PROTOCOL,
    keyID,
    counterparty: provider.identityKey,
    data: Array.from(data),
  });
  const sig = Uint8Array.from(signature);
  const rounds = provider.kind === 'native' ? 3000 : 200;
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const args = { protocolID: AUTH_SIGNATURE_PROTOCOL, keyID, counterparty: publicKey, data };
    if (!(await provider.verifySignature({ ...args, signature: sig })))
      throw new Error('verify failed');
    await provider.createSignature({ ...args, keyID: `${i} x` });
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / rounds;
}

async function measure(backend: 'native' | 'sdk'): Promise<Row> {
  const key = randomBytes(32).toString('hex');
  const server = await startServer({
    NODE_ENV: 'production',
    SERVER_PRIVATE_KEY: key,
    DB_SOURCE: ':memory:',
    CRYPTO_BACKEND: backend,
    LOG_LEVEL: 'log',
  });
  try {
    const clients = Array.from(
      { length: CLIENTS },
      () => new AuthFetch(new ProtoWallet(PrivateKey.fromRandom()) as unknown as WalletInterface),
    );
    for (const c of clients) await c.fetch(`${server.url}/health`);

    let cpu = server.cpuMs();
    for (let i = 0; i < HANDSHAKES; i++) await new RawAuthClient().handshake(server.url);
    const handshakeCpuMs = (server.cpuMs() - cpu) / HANDSHAKES;

    cpu = server.cpuMs();
    const started = performance.now();
    const perClient = Math.ceil(REQUESTS / CLIENTS);
    await Promise.all(
      clients.map(async (c) => {
        for (let i = 0; i < perClient; i++) {
          const res = await c.fetch(`${server.url}/health`);
          if (res.status !== 200) throw new Error(`status ${res.status}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const requestCpuMs = (server.cpuMs() - cpu) / (perClient * CLIENTS);
    return {
      backend,
      handshakeCpuMs,
      requestCpuMs,
      requestCryptoCpuMs: await cryptoPerRequest(createCryptoProvider(key, backend === 'native')),
      requestsPerSecond: (perClient * CLIENTS) / seconds,
      peakRssMb: server.memoryMb().peak,
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const backend of ['native', 'sdk'] as const) rows.push(await measure(backend));
  const fmt = (n: number) => n.toFixed(3);
  console.log('\nBRC-104 server CPU (ms per operation; /proc utime+stime of the server process)');
  console.log(
    '| crypto | handshake | authenticated request (whole stack) | crypto only (verify+sign) | req/s (client on same box) | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.backend} | ${fmt(r.handshakeCpuMs)} | ${fmt(r.requestCpuMs)} | ${fmt(r.requestCryptoCpuMs)} | ${r.requestsPerSecond.toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  const dir = resolve(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'auth.json'),
    JSON.stringify({ handshakes: HANDSHAKES, requests: REQUESTS, rows }, null, 2),
  );
  console.log(`\nJSON: ${join(dir, 'auth.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
