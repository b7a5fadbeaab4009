/** Latency percentiles and the per-phase result row of `npm run bench`. */

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PhaseResult {
  phase: string;
  description: string;
  /** Operations completed inside the measured window (requests, handshakes, messages). */
  ops: number;
  errors: number;
  firstError?: string;
  /** In-flight operations (identities × workers), 1 for the sequential live phases. */
  concurrency: number;
  seconds: number;
  opsPerSecond: number;
  latencyMs: LatencySummary;
  /** Server utime+stime delta over the phase (from /proc) divided by ops. */
  serverCpuMsPerOp: number;
  /** The part of it on the JS main thread (the rest: libuv pool, sqlite3/mysql2 I/O, GC helpers). */
  serverMainThreadCpuMsPerOp: number;
  /** mysql runs: CPU of the local mariadbd/mysqld process per op (NaN otherwise). */
  dbServerCpuMsPerOp: number;
  /** The bench process's own CPU (all threads) per op: shows whether the client kept up. */
  clientCpuMsPerOp: number;
  /** The part of it on the bench's main thread (live phases run there; workers do the rest). */
  clientMainThreadCpuMsPerOp: number;
  /** Server share of one core during the phase (1.0 = one core saturated). */
  serverCoreUse: number;
  /** VmHWM of the server after the phase (monotonic over the run). */
  serverPeakRssMb: number;
  serverRssMb: number;
  /** Stopped early by the per-phase time cap. */
  timeCapped: boolean;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarise(latencies: number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}
