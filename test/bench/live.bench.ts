/**
 * npm run bench:live: server CPU and latency per live message, with 0 and 100 idle
 * authenticated sockets connected, measured from /proc on a real server process (dist/main.js)
 * driven over loopback. Two paths: a live send over the socket (verify, store, deliver, ack) and
 * an HTTP /sendMessage pushed live. Bounded in count; prints a table and writes JSON.
 */
import { AuthFetch, PrivateKey, ProtoWallet, WalletInterface } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RawSocketPeer } from '../helpers/socket-raw-peer';
import { ServerProcess, startServer } from './server-process';
import { authenticatedPeer } from './socket-peers';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300);
const IDLE_COUNTS = [0, 100];
const WARM_UP = 20;

interface Row {
  path: 'socket sendMessage' | 'HTTP /sendMessage';
  idleSockets: number;
  messages: number;
  serverCpuMsPerMessage: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  messagesPerSecond: number;
  peakRssMb: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential sends: each waits for the live arrival (and, over the socket, the ack). */
async function run(
  server: ServerProcess,
  path: Row['path'],
  idleSockets: number,
  send: (i: number) => Promise<void>,
  recipient: RawSocketPeer,
  event: string,
): Promise<Row> {
  for (let i = 0; i < WARM_UP; i++) {
    await send(-1 - i);
    await recipient.next(event);
  }
  const latencies: number[] = [];
  const cpu = server.cpuMs();
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const t0 = performance.now();
    const arrival = recipient.next(event);
    await send(i);
    latencies.push((await arrival).arrivedAt - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  const serverCpuMsPerMessage = (server.cpuMs() - cpu) / MESSAGES;
  latencies.sort((a, b) => a - b);
  return {
    path,
    idleSockets,
    messages: MESSAGES,
    serverCpuMsPerMessage,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    messagesPerSecond: MESSAGES / seconds,
    peakRssMb: server.memoryMb().peak,
  };
}

async function measure(server: ServerProcess, idleCount: number): Promise<Row[]> {
  const idle: RawSocketPeer[] = [];
  for (let i = 0; i < idleCount; i++) idle.push(await authenticatedPeer(server.url));
  const recipient = await authenticatedPeer(server.url);
  const sender = await authenticatedPeer(server.url);
  const bob = recipient.identityKey;
  const event = `sendMessage-${bob}-inbox`;
  const tag = `${idleCount}-${randomBytes(4).toString('hex')}`;
  try {
    // Signed ahead of time: client-side signing is not part of what is measured.
    const live = async (i: number) => {
      const message = await sender.sign('sendMessage', {
        roomId: `${bob}-inbox`,
        message: {
          recipient: bob,
          messageId: `live-${tag}-${i}`,
          body: '{"encryptedMessage":"AAAA"}',
        },
      });
      return () => {
        const ack = sender.next(`sendMessageAck-${bob}-inbox`);
        sender.sendRaw(message);
        return ack.then(() => undefined);
      };
    };
    const prepared = new Map<number, () => Promise<void>>();
    for (let i = -WARM_UP; i < MESSAGES; i++) prepared.set(i, await live(i));
    const rows = [
      await run(
        server,
        'socket sendMessage',
        idleCount,
        (i) => prepared.get(i)!(),
        recipient,
        event,
      ),
    ];

    const http = new AuthFetch(
      new ProtoWallet(PrivateKey.fromRandom()) as unknown as WalletInterface,
    );
    const viaHttp = async (i: number) => {
      const res = await http.fetch(`${server.url}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          message: {
            recipient: bob,
            messageBox: 'inbox',
            messageId: `http-${tag}-${i}`,
            body: 'x',
          },
        }),
      });
      if (res.status !== 200) throw new Error(`sendMessage: ${res.status} ${await res.text()}`);
    };
    rows.push(await run(server, 'HTTP /sendMessage', idleCount, viaHttp, recipient, event));
    if (idle.some((p) => p.received.length > 1))
      throw new Error('an idle socket received a delivery');
    return rows;
  } finally {
    for (const p of [...idle, recipient, sender]) p.close();
  }
}

async function main(): Promise<void> {
  const server = await startServer({
    NODE_ENV: 'production',
    SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
    DB_SOURCE: ':memory:',
    LOG_LEVEL: 'log',
  });
  const rows: Row[] = [];
  try {
    for (const n of IDLE_COUNTS) rows.push(...(await measure(server, n)));
  } finally {
    await server.stop();
  }
  const fmt = (n: number) => n.toFixed(3);
  console.log(
    `\nLive delivery: server CPU per message (/proc utime+stime) and send→arrival latency, ${MESSAGES} sequential messages`,
  );
  console.log(
    '| path | idle sockets | server CPU ms/msg | p50 ms | p99 ms | msg/s | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.path} | ${r.idleSockets} | ${fmt(r.serverCpuMsPerMessage)} | ${fmt(r.latencyP50Ms)} | ${fmt(r.latencyP99Ms)} | ${r.messagesPerSecond.toFixed(0)} | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  console.log(
    "HTTP latency includes the client's pure-JS AuthFetch signing; socket sends are pre-signed.",
  );
  const dir = resolve(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'live.json'), JSON.stringify({ messages: MESSAGES, rows }, null, 2));
  console.log(`\nJSON: ${join(dir, 'live.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
