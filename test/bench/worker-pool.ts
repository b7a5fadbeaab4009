/**
 * The load generator's worker threads. Under ts-node (how the bench scripts run) a worker does
 * not inherit the TypeScript hook, so it registers ts-node (swc) itself before loading its file.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FromWorker, LoadWorkerData, ToWorker, WorkResult, WorkSpec } from './load-protocol';

const BOOT = `require('ts-node').register({ swc: true, transpileOnly: true });
require(require('node:worker_threads').workerData.entry);`;

class LoadWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (reply: FromWorker) => void>();
  private nextId = 1;

  constructor(data: LoadWorkerData) {
    const compiled = __filename.endsWith('.js');
    const entry = join(__dirname, compiled ? 'load-worker.js' : 'load-worker.ts');
    this.worker = compiled
      ? new Worker(entry, { workerData: data })
      : new Worker(BOOT, { eval: true, workerData: { ...data, entry } });
    this.worker.on('message', (reply: FromWorker) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    this.worker.on('error', (error) => this.failAll(`worker crashed: ${error.message}`));
    this.worker.on('exit', (code) => this.failAll(`worker exited (${code})`));
  }

  async call(msg: Omit<Extract<ToWorker, { cmd: 'init' }>, 'id'>): Promise<string[]>;
  async call(msg: Omit<Extract<ToWorker, { cmd: 'run' }>, 'id'>): Promise<WorkResult>;
  async call(msg: { cmd: 'init' } | { cmd: 'run'; spec: WorkSpec }): Promise<unknown> {
    const id = this.nextId++;
    const reply = await new Promise<FromWorker>((done) => {
      this.pending.set(id, done);
      this.worker.postMessage({ ...msg, id });
    });
    if (!reply.ok) throw new Error(reply.error);
    return msg.cmd === 'init' ? reply.identityKeys : reply.result;
  }

  private failAll(error: string): void {
    for (const done of this.pending.values()) done({ id: 0, ok: false, error });
    this.pending.clear();
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export class WorkerPool {
  private constructor(
    private readonly workers: LoadWorker[],
    /** Identity keys of every lane, per worker. */
    readonly identityKeys: string[][],
  ) {}

  static async start(url: string, count: number, lanes: number): Promise<WorkerPool> {
    const workers = Array.from(
      { length: count },
      (_, workerIndex) => new LoadWorker({ url, workerIndex, lanes, opTimeoutMs: 20000 }),
    );
    const keys = await Promise.all(workers.map((w) => w.call({ cmd: 'init' })));
    return new WorkerPool(workers, keys);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs one spec per worker (`specOf(i)`) at the same time; results merged. */
  async run(specOf: (workerIndex: number) => WorkSpec): Promise<WorkResult> {
    const results = await Promise.all(
      this.workers.map((w, i) => w.call({ cmd: 'run', spec: specOf(i) })),
    );
    return {
      ops: results.reduce((n, r) => n + r.ops, 0),
      errors: results.reduce((n, r) => n + r.errors, 0),
      firstError: results.find((r) => r.firstError)?.firstError,
      latencies: results.flatMap((r) => r.latencies),
      timeCapped: results.some((r) => r.timeCapped),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Splits `total` into `parts` nearly equal counts. */
export function split(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}
