/**
 * npm run bench:abuse: the resource-exhaustion attacks of the security review, bounded, against a
 * real server process (dist/main.js, `npm start` flags: 384 MB old space) on loopback. For each:
 * the outcome, the slowest GET /health answered during it, and the server's RSS and heap after a
 * full GC before and after (read through the memory probe preload). Prints a table, writes JSON.
 */
import { AuthFetch, PrivateKey, ProtoWallet, WalletInterface } from '@bsv/sdk';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { RawSocketPeer } from '../helpers/socket-raw-peer';
import { LeanAuthClient } from './lean-auth-client';
import { ServerProcess, startServer } from './server-process';
import { authenticatedPeer } from './socket-peers';

const ROOT = resolve(__dirname, '../..');
const PROBE = join(ROOT, 'test/bench/memory-probe.preload.js');
const MB = 1024 * 1024;
const SLOW_CLIENT_WAIT_MS = 90_000;

interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

interface Row {
  attack: string;
  outcome: string;
  slowestHealthMs: number;
  before: Memory;
  after: Memory;
  peakRssMb: number;
}

const wallet = (key = PrivateKey.fromRandom()): WalletInterface =>
  new ProtoWallet(key) as unknown as WalletInterface;

/** Heap and RSS after two full GCs, from the preload's SIGUSR2 record. */
async function memory(server: ServerProcess, file: string): Promise<Memory> {
  const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
  const before = lines().filter(Boolean).length;
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const all = lines().filter(Boolean);
    if (all.length > before) {
      const rec = JSON.parse(all[all.length - 1]) as {
        afterGc?: { rss: number; heapUsed: number };
        before: { rss: number; heapUsed: number };
      };
      const m = rec.afterGc ?? rec.before;
      return { rssMb: m.rss, heapUsedMb: m.heapUsed };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('memory probe did not answer');
}

/**
 * Polls /health one request at a time while `attack` runs and returns the slowest answer. The
 * poller is a separate process, so that the attack's own client work (encoding an 80 MB frame,
 * say) does not count as server latency.
 */
async function healthDuring<T>(url: string, attack: () => Promise<T>) {
  const poller = spawn(process.execPath, ['-e', HEALTH_POLLER, url], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  poller.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => poller.once('exit', () => done()));
  let result: T;
  try {
    result = await attack();
  } finally {
    poller.stdin.end();
    await exited;
  }
  return { result, slowestHealthMs: Number(output) };
}

const HEALTH_POLLER = `
let stop = false;
let slowest = 0;
process.stdin.on('end', () => (stop = true)).resume();
(async () => {
  while (!stop) {
    const start = performance.now();
    try {
      const res = await fetch(process.argv[1] + '/health', { signal: AbortSignal.timeout(30000) });
      await res.arrayBuffer();
    } catch {
      slowest = Math.max(slowest, 30000);
    }
    slowest = Math.max(slowest, performance.now() - start);
  }
  process.stdout.write(String(Math.round(slowest)));
})();
`;

async function post(who: AuthFetch, url: string, body: unknown): Promise<Response> {
  return who.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The attacks, each self-contained; `url` is the server under test. */
const attacks: Array<{ name: string; run: (url: string) => Promise<string> }> = [
  {
    name: 'poisoned inbox: 2 senders store 4 MiB bodies, victim lists',
    run: async (url) => {
      const victimKey = PrivateKey.fromRandom();
      const victim = victimKey.toPublicKey().toString();
      const statuses: number[] = [];
      for (const sender of [new LeanAuthClient(), new LeanAuthClient()]) {
        for (let i = 0; i < 20; i++) {
          const res = await sender.post(
            url,
            '/sendMessage',
            JSON.stringify({
              message: {
                recipient: victim,
                messageBox: 'inbox',
                messageId: `${statuses.length}`,
                body: randomBytes(2 * MB).toString('hex'),
              },
            }),
          );
          statuses.push(res.status);
          if (res.status !== 200) break;
        }
      }
      let listing: { status: number; text: string };
      try {
        listing = await new LeanAuthClient(victimKey).post(
          url,
          '/listMessages',
          JSON.stringify({ messageBox: 'inbox' }),
        );
      } catch (error) {
        listing = { status: 0, text: `{"messages":[],"error":"${String(error)}"}` };
      }
      const page = (listing.status === 200 ? JSON.parse(listing.text) : { messages: [] }) as {
        messages: unknown[];
        nextCursor?: string;
      };
      const stored = statuses.filter((s) => s === 200).length;
      return `${stored} stored (${stored * 4} MiB), then ${statuses.filter((s) => s !== 200).join('/')}; list ${listing.status} with ${page.messages.length} messages, nextCursor ${page.nextCursor ? 'yes' : 'no'}`;
    },
  },
  {
    name: 'live fan-out: 8 sockets of one identity, 512 KiB and 15 MiB self-sends',
    run: async (url) => {
      const key = PrivateKey.fromRandom();
      const peers: RawSocketPeer[] = [];
      for (let i = 0; i < 8; i++) peers.push(await authenticatedPeer(url, key));
      const room = `${peers[0].identityKey}-inbox`;
      for (const p of peers) {
        await p.send('joinRoom', room);
        await p.next('joinedRoom');
      }
      const me = new LeanAuthClient(key);
      const out: string[] = [];
      for (const [id, bytes] of [
        ['half', 0.25 * MB],
        ['fifteen', 7.5 * MB],
      ] as const) {
        const start = performance.now();
        const res = await me.post(
          url,
          '/sendMessage',
          JSON.stringify({
            message: {
              recipient: peers[0].identityKey,
              messageBox: 'inbox',
              messageId: id,
              body: randomBytes(bytes).toString('hex'),
            },
          }),
        );
        out.push(`${id}: ${res.status} in ${Math.round(performance.now() - start)} ms`);
      }
      // The small message is live-sized: every socket gets it (the large one only when the
      // server pushes bodies that big, as before the budget).
      await Promise.all(peers.map((p) => p.next(`sendMessage-${room}`, 60000)));
      const live = peers.map(
        (p) => p.received.filter((e) => e.eventName === `sendMessage-${room}`).length,
      );
      for (const p of peers) p.close();
      return `${out.join(', ')}; live events per socket: ${live.join(',')}`;
    },
  },
  {
    name: 'socket session flood: 1,200 socket handshakes from one address',
    run: async (url) => {
      const victim = new AuthFetch(wallet());
      const first = await post(victim, `${url}/listMessages`, { messageBox: 'inbox' });
      await first.arrayBuffer();
      let refused = 0;
      let created = 0;
      for (let s = 0; s < 120; s++) {
        const peer = await new RawSocketPeer(url, { verify: false }).connect();
        try {
          for (let i = 0; i < 10; i++) {
            await peer.handshake();
            created++;
          }
        } catch {
          refused++;
        }
        peer.close();
      }
      const again = await post(victim, `${url}/listMessages`, { messageBox: 'inbox' });
      await again.arrayBuffer();
      return `${created} sessions created, ${refused} sockets closed by the handshake limit; victim ${first.status} then ${again.status}`;
    },
  },
  {
    name: 'unauthenticated 80 MB Socket.IO frame',
    run: async (url) => {
      const peer = await new RawSocketPeer(url, { verify: false }).connect();
      const closed = new Promise<string>((done) => peer.socket.once('disconnect', done));
      peer.sendRaw({ version: '0.1', padding: 'x'.repeat(80 * 1000 * 1000) });
      return `socket ${await closed}`;
    },
  },
  {
    name: '20 × 21 MiB over-limit body with Node fetch',
    run: async (url) => {
      const body = Buffer.alloc(21 * MB, 'x');
      const seen = new Map<string, number>();
      for (let i = 0; i < 20; i++) {
        let outcome: string;
        try {
          const res = await fetch(`${url}/sendMessage`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          await res.arrayBuffer();
          outcome = String(res.status);
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause;
          outcome = cause?.code ?? 'error';
        }
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }
      return [...seen].map(([k, v]) => `${v}× ${k}`).join(', ');
    },
  },
  {
    name: '100 clients sending headers and half a body',
    run: async (url) => {
      const { hostname, port } = new URL(url);
      const start = performance.now();
      const sockets: Array<ReturnType<typeof connect>> = [];
      const closedAt = await Promise.all(
        Array.from(
          { length: 100 },
          () =>
            new Promise<number>((done) => {
              const socket = connect(Number(port), hostname, () =>
                socket.write(
                  'POST /sendMessage HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n' +
                    'x'.repeat(500),
                ),
              );
              sockets.push(socket);
              socket.on('data', () => undefined);
              socket.on('error', () => undefined);
              socket.once('close', () => done(performance.now() - start));
              // Bounded: Node's own default would hold them 300 s and more.
              setTimeout(() => done(Infinity), SLOW_CLIENT_WAIT_MS).unref();
            }),
        ),
      );
      for (const socket of sockets) socket.destroy();
      const closed = closedAt.filter(Number.isFinite);
      return closed.length === 100
        ? `all 100 closed by the server within ${Math.round(Math.max(...closed) / 1000)} s`
        : `${100 - closed.length} of 100 still open after ${SLOW_CLIENT_WAIT_MS / 1000} s`;
    },
  },
];

async function main(): Promise<void> {
  const only = process.env.BENCH_ABUSE_ONLY;
  // The client-side waits use unref'd timers: if the server dies mid-attack, nothing else
  // would keep this process alive long enough to record that.
  const keepAlive = setInterval(() => undefined, 1000);
  const rows: Row[] = [];
  for (const attack of attacks) {
    if (only && !only.split('|').some((part) => attack.name.includes(part))) continue;
    const probeFile = `/tmp/abuse-memprobe-${process.pid}-${rows.length}.jsonl`;
    const server = await startServer({
      NODE_OPTIONS: `--require ${PROBE}`,
      MEMPROBE_GC: '1',
      MEMPROBE_OUT: probeFile,
      DB_SOURCE: ':memory:',
      NODE_ENV: 'production',
      SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
      // The handshake limit is part of what is measured; the request limits stay off, as in
      // a deployment where they are set high.
      RATE_LIMIT_HANDSHAKES_PER_IP: '600',
      // The per-IP budgets at their defaults (server-process.ts raises them for load benches).
      AUTH_MAX_SESSIONS_PER_IP: '1000',
      SOCKET_MAX_PER_IP: '256',
    });
    let alive = true;
    try {
      const before = await memory(server, probeFile);
      let outcome: string;
      let slowestHealthMs: number;
      try {
        ({ result: outcome, slowestHealthMs } = await healthDuring(server.url, () =>
          attack.run(server.url),
        ));
      } catch (error) {
        outcome = `attack failed: ${error instanceof Error ? error.message : String(error)}`;
        slowestHealthMs = -1;
      }
      alive = await fetch(`${server.url}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      const after = alive ? await memory(server, probeFile) : { rssMb: NaN, heapUsedMb: NaN };
      rows.push({
        attack: attack.name,
        outcome: alive ? outcome : `SERVER DOWN: ${outcome}`,
        slowestHealthMs,
        before,
        after,
        peakRssMb: Math.round(server.memoryMb().peak),
      });
      console.log(JSON.stringify(rows[rows.length - 1]));
    } finally {
      if (alive) await server.stop().catch(() => undefined);
    }
  }
  console.log(
    '\n| attack | outcome | slowest /health | RSS / heap after GC before | after | peak RSS |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.attack} | ${r.outcome} | ${r.slowestHealthMs} ms | ${r.before.rssMb} / ${r.before.heapUsedMb} MB | ${r.after.rssMb} / ${r.after.heapUsedMb} MB | ${r.peakRssMb} MB |`,
    );
  }
  clearInterval(keepAlive);
  const dir = resolve(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'abuse.json'), JSON.stringify(rows, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
