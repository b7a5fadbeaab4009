/**
 * npm run bench [-- --db mysql] [--only send-1,list-100] [--cpu-prof] [--help]
 *
 * Starts the built server (dist/main.js) on loopback, SQLite by default or a throw-away MariaDB
 * database with --db mysql, and drives it through the real protocols from worker threads (BRC-104
 * over HTTP via AuthFetch on the native-crypto wallet; BRC-103 over Socket.IO for live delivery).
 * Per phase: throughput, client-side latency percentiles, the server process's CPU per operation
 * (utime+stime delta from /proc) and its RSS. Prints a markdown table, writes
 * test/bench/results/bench-<db>.json. Every loop is bounded by a count and a time cap.
 *
 * --cpu-prof runs the server under the V8 sampling profiler (cpu-profile-preload.ts) and records
 * each phase's time window (on the monotonic clock both processes share) next to the profile, for
 * profile-summary.ts. Its CPU figures are inflated by the profiler; use them for shares only.
 */
import { PrivateKey } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/mariadb';
import { BenchOptions, parseOptions, PhaseName } from './bench-options';
import { cpuProfileEnv, removeCpuProfilePreload } from './cpu-profile-preload';
import { BenchReport, markdown, writeReport } from './bench-report';
import { PhaseResult, summarise } from './bench-stats';
import { findPid, processCpuMs, threadCpuMs } from './proc-threads';
import { setupLive } from './live-phase';
import { WorkResult } from './load-protocol';
import { ServerProcess, startServer } from './server-process';
import { split, WorkerPool } from './worker-pool';

const RESULTS = resolve(__dirname, 'results');
const SERVER_ENV_PREFIX = 'BENCH_SERVER_';

interface Window {
  phase: string;
  startUs: number;
  endUs: number;
}

/** Microseconds on CLOCK_MONOTONIC: the clock of V8's .cpuprofile timestamps too. */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

class Bench {
  readonly phases: PhaseResult[] = [];
  readonly windows: Window[] = [];

  constructor(
    private readonly o: BenchOptions,
    private readonly server: ServerProcess,
    private readonly pool: WorkerPool,
    /** The local database server (mysql runs): its CPU is not in the server process's. */
    private readonly dbPid?: number,
  ) {}

  private dbCpuMs(): number {
    return this.dbPid === undefined ? NaN : processCpuMs(this.dbPid);
  }

  private deadline(): number {
    return Date.now() + this.o.phaseSeconds * 1000;
  }

  private async measure(
    phase: string,
    description: string,
    concurrency: number,
    work: () => Promise<WorkResult>,
  ): Promise<void> {
    const cpu0 = this.server.cpuMs();
    const main0 = threadCpuMs(this.server.pid).main;
    const db0 = this.dbCpuMs();
    const client0 = process.cpuUsage();
    const clientThreads0 = threadCpuMs(process.pid);
    const startUs = monotonicUs();
    const t0 = performance.now();
    const r = await work();
    const seconds = (performance.now() - t0) / 1000;
    const endUs = monotonicUs();
    const serverCpu = this.server.cpuMs() - cpu0;
    const mainThreadCpu = threadCpuMs(this.server.pid).main - main0;
    const dbCpu = this.dbCpuMs() - db0;
    const client = process.cpuUsage(client0);
    const clientThreads = threadCpuMs(process.pid);
    const mem = this.server.memoryMb();
    this.windows.push({ phase, startUs, endUs });
    const ops = Math.max(r.ops, 1);
    const row: PhaseResult = {
      phase,
      description,
      ops: r.ops,
      errors: r.errors,
      firstError: r.firstError,
      concurrency,
      seconds,
      opsPerSecond: r.ops / seconds,
      latencyMs: summarise(r.latencies),
      serverCpuMsPerOp: serverCpu / ops,
      serverMainThreadCpuMsPerOp: mainThreadCpu / ops,
      dbServerCpuMsPerOp: dbCpu / ops,
      clientCpuMsPerOp: (client.user + client.system) / 1000 / ops,
      clientMainThreadCpuMsPerOp: (clientThreads.main - clientThreads0.main) / ops,
      serverCoreUse: serverCpu / 1000 / seconds,
      serverPeakRssMb: mem.peak,
      serverRssMb: mem.rss,
      timeCapped: r.timeCapped,
    };
    this.phases.push(row);
    console.log(
      `  ${phase.padEnd(16)} ${String(r.ops).padStart(5)} ops  ${row.opsPerSecond.toFixed(0).padStart(5)}/s  p50 ${row.latencyMs.p50.toFixed(2)} ms  server ${row.serverCpuMsPerOp.toFixed(3)} ms/op${r.errors ? `  ${r.errors} errors: ${r.firstError}` : ''}`,
    );
  }

  private want(...names: PhaseName[]): boolean {
    return names.some((n) => this.o.only.has(n));
  }

  async run(): Promise<void> {
    const { o, pool } = this;
    const W = pool.size;
    const lanes = W * o.lanes;
    const warm = o.warmUp * o.lanes;

    if (this.want('handshake')) {
      const conc = Math.max(1, o.lanes);
      await pool.run(() => ({
        kind: 'handshake',
        count: warm,
        deadline: this.deadline(),
        concurrency: conc,
      }));
      await this.measure('handshake', 'cold BRC-104 handshake, fresh identity each', W * conc, () =>
        pool.run((i) => ({
          kind: 'handshake',
          count: split(o.handshakes, W, i),
          deadline: this.deadline(),
          concurrency: conc,
        })),
      );
    }

    // Every lane has done its handshake from here on: the send/list/ack phases are warm.
    const send = (
      count: (i: number) => number,
      idPrefix: string,
      recipientsPerOp = 1,
      targets: string[] = [],
    ) =>
      pool.run((i) => ({
        kind: 'send',
        count: count(i),
        deadline: this.deadline(),
        box: 'bench-inbox',
        recipientsPerOp,
        targets,
        idPrefix,
      }));
    await send(() => warm, 'warm');

    if (this.want('send-1')) {
      await this.measure('send-1', 'sendMessage to 1 recipient', lanes, () =>
        send((i) => split(o.sends, W, i), 's1'),
      );
    }
    if (this.want('send-10')) {
      const targets = Array.from({ length: 100 }, () =>
        PrivateKey.fromRandom().toPublicKey().toString(),
      );
      const k = o.multiRecipients;
      await send(() => o.warmUp, 'warm10', k, targets);
      await this.measure('send-10', `sendMessage to ${k} recipients (per request)`, lanes, () =>
        send((i) => split(o.multiSends, W, i), 's10', k, targets),
      );
    }

    const list = async (
      phase: PhaseName,
      box: string,
      expect: number,
      count: number,
      limit?: number,
    ) => {
      await pool.run(() => ({
        kind: 'list',
        count: o.warmUp,
        deadline: this.deadline(),
        box,
        expect,
        limit,
      }));
      await this.measure(
        phase,
        `listMessages, page of ${expect}${limit ? ` (limit ${limit})` : ''}`,
        lanes,
        () =>
          pool.run((i) => ({
            kind: 'list',
            count: split(count, W, i),
            deadline: this.deadline(),
            box,
            expect,
            limit,
          })),
      );
    };
    if (this.want('list-10')) {
      await pool.run(() => ({
        kind: 'fill',
        box: 'bench-list-10',
        perLane: 10,
        batch: 10,
        idPrefix: 'l10',
      }));
      await list('list-10', 'bench-list-10', 10, o.list10);
    }
    if (this.want('list-100', 'list-1000')) {
      await pool.run(() => ({
        kind: 'fill',
        box: 'bench-list-1000',
        perLane: 1000,
        batch: 100,
        idPrefix: 'l1000',
      }));
      if (this.want('list-100')) await list('list-100', 'bench-list-1000', 100, o.list100, 100);
      if (this.want('list-1000')) await list('list-1000', 'bench-list-1000', 1000, o.list1000);
    }

    if (this.want('ack')) {
      // Lanes do not finish at the same pace: give each more than its even share.
      const perLane = Math.ceil((1.5 * o.acks) / lanes) + 2 * o.warmUp;
      await pool.run(() => ({
        kind: 'fill',
        box: 'bench-ack',
        perLane,
        batch: 100,
        idPrefix: 'ack',
      }));
      await pool.run(() => ({
        kind: 'ack',
        count: warm,
        deadline: this.deadline(),
        box: 'bench-ack',
      }));
      await this.measure('ack', 'acknowledgeMessage of 1 message', lanes, () =>
        pool.run((i) => ({
          kind: 'ack',
          count: split(o.acks, W, i),
          deadline: this.deadline(),
          box: 'bench-ack',
        })),
      );
    }

    for (const idle of [0, o.idleSockets]) {
      const phase = idle === 0 ? 'live-0' : 'live-100';
      if (!this.want(phase)) continue;
      const live = await setupLive(this.server.url, idle, o.liveMessages, o.warmUp);
      try {
        await this.measure(
          `${phase}-socket`,
          `live delivery, socket sendMessage, ${idle} idle sockets`,
          1,
          () => live.socketSends(o.liveMessages, this.deadline()),
        );
        await this.measure(
          `${phase}-http`,
          `live delivery, HTTP /sendMessage, ${idle} idle sockets`,
          1,
          () => live.httpSends(o.liveMessages, this.deadline()),
        );
      } finally {
        live.close();
      }
    }
  }
}

function serverEnvOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (k.startsWith(SERVER_ENV_PREFIX) && v !== undefined)
      out[k.slice(SERVER_ENV_PREFIX.length)] = v;
  return out;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), process.env);
  // Anything that ends the run early (even an emptied event loop) counts as a failure.
  process.exitCode = 1;
  const startedAt = new Date().toISOString();
  let database: ThrowawayDatabase | undefined;
  let sqliteDir: string | undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
    // Every identity and handshake comes from 127.0.0.1: limits at their maximum (still evaluated
    // on every request, as in production, but never reached).
    RATE_LIMIT_HANDSHAKES_PER_IP: '10000000',
    RATE_LIMIT_REQUESTS_PER_IDENTITY: '10000000',
  };
  if (o.db === 'mysql') {
    database = await createThrowawayDatabase();
    Object.assign(env, { DB_DRIVER: 'mysql', DB_SOURCE: database.url });
  } else if (o.sqliteFile) {
    env.DB_SOURCE = o.sqliteFile;
  } else {
    sqliteDir = mkdtempSync(join(tmpdir(), 'mb-bench-'));
    env.DB_SOURCE = join(sqliteDir, 'bench.db');
  }
  const profileDir = join(RESULTS, `profile-${o.db}`);
  if (o.cpuProf) {
    mkdirSync(profileDir, { recursive: true });
    for (const f of readdirSync(profileDir)) rmSync(join(profileDir, f), { force: true });
    Object.assign(env, cpuProfileEnv(profileDir, o.cpuProfIntervalUs));
  }
  Object.assign(env, serverEnvOverrides(process.env));

  let server: ServerProcess | undefined;
  let pool: WorkerPool | undefined;
  try {
    const loadBefore = loadavg()[0];
    server = await startServer(env);
    await new Promise((done) => setTimeout(done, 500));
    const idleRssMb = server.memoryMb().rss;
    console.log(
      `server pid ${server.pid} at ${server.url} (${o.db}), idle RSS ${idleRssMb.toFixed(0)} MB`,
    );
    pool = await WorkerPool.start(server.url, o.workers, o.lanes);
    console.log(`${o.workers} worker threads × ${o.lanes} identities`);
    const dbPid = o.db === 'mysql' ? findPid(['mariadbd', 'mysqld']) : undefined;
    const bench = new Bench(o, server, pool, dbPid);
    await bench.run();
    const mem = server.memoryMb();
    const report: BenchReport = {
      db: o.db,
      startedAt,
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      serverCommand: server.command,
      loadAverage: { before: loadBefore, after: loadavg()[0] },
      profiled: o.cpuProf,
      options: { ...o, only: [...o.only] },
      server: { idleRssMb, peakRssMb: mem.peak, finalRssMb: mem.rss, totalCpuMs: server.cpuMs() },
      phases: bench.phases,
    };
    await pool.stop();
    pool = undefined;
    await server.stop();
    server = undefined;
    if (o.cpuProf) {
      writeFileSync(join(profileDir, 'phases.json'), `${JSON.stringify(bench.windows, null, 2)}\n`);
      console.log(
        `\nCPU profile: ${profileDir}/server.cpuprofile (summary: npx ts-node --swc test/bench/profile-summary.ts ${profileDir} --phase send-1)`,
      );
    }
    console.log(`\n${markdown(report)}`);
    console.log(`\nJSON: ${writeReport(RESULTS, report)}`);
    process.exitCode = report.phases.some((p) => p.errors > 0) ? 1 : 0;
  } finally {
    await pool?.stop();
    await server?.stop();
    await database?.drop();
    removeCpuProfilePreload(env);
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
