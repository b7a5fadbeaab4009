/** The markdown table and JSON file of `npm run bench`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhaseResult } from './bench-stats';

/** Issue 7: server CPU ms per operation to reach (SQLite, native crypto) and the TS reference. */
const TARGETS: Record<string, { target?: number; reference?: number }> = {
  handshake: { target: 2, reference: 25.9 },
  'send-1': { target: 1, reference: 9.6 },
  'list-10': { reference: 8.7 },
  'list-100': { target: 2 },
  'list-1000': { reference: 65 },
  ack: { target: 1, reference: 7.0 },
  live: { target: 1, reference: 16 },
};

export function targetOf(phase: string): { target?: number; reference?: number } {
  return TARGETS[phase] ?? (phase.startsWith('live-') ? TARGETS.live : {});
}

export interface BenchReport {
  db: string;
  startedAt: string;
  node: string;
  cpus: string;
  /** The server's start command and the machine's 1-minute load average before and after. */
  serverCommand: string;
  loadAverage: { before: number; after: number };
  profiled: boolean;
  options: Record<string, unknown>;
  server: { idleRssMb: number; peakRssMb: number; finalRssMb: number; totalCpuMs: number };
  phases: PhaseResult[];
}

const f = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function markdown(report: BenchReport): string {
  const lines = [
    `### MessageBox bench: ${report.db}${report.profiled ? ' (server under --cpu-prof: CPU inflated)' : ''}`,
    '',
    `${report.cpus}, Node ${report.node}; server CPU = /proc utime+stime of the server pid per operation; latency measured by the client`,
    '',
    `Server: \`${report.serverCommand}\`. Machine load average (1 min) ${f(report.loadAverage.before)} before, ${f(report.loadAverage.after)} after: on a shared machine CPU per operation grows with the load.`,
    '',
    '| phase | ops | conc | ops/s | p50 ms | p95 ms | p99 ms | server CPU ms/op | of which main thread | DB server CPU ms/op | target / TS ref | client CPU ms/op | server core use | peak RSS MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of report.phases) {
    const t = targetOf(r.phase);
    const tr = `${t.target !== undefined ? `≤ ${t.target}` : '-'} / ${t.reference ?? '-'}`;
    const flags = `${r.timeCapped ? ' (time cap)' : ''}${r.errors ? ` (${r.errors} errors)` : ''}`;
    lines.push(
      `| ${r.phase}${flags} | ${r.ops} | ${r.concurrency} | ${f(r.opsPerSecond, 0)} | ${f(r.latencyMs.p50)} | ${f(r.latencyMs.p95)} | ${f(r.latencyMs.p99)} | **${f(r.serverCpuMsPerOp, 3)}** | ${f(r.serverMainThreadCpuMsPerOp, 3)} | ${f(r.dbServerCpuMsPerOp, 3)} | ${tr} | ${f(r.clientCpuMsPerOp, 3)} | ${f(r.serverCoreUse)} | ${f(r.serverPeakRssMb, 0)} |`,
    );
  }
  const s = report.server;
  lines.push(
    '',
    `Server RSS: idle after start ${f(s.idleRssMb, 0)} MB (target ≤ 100), peak (VmHWM) ${f(s.peakRssMb, 0)} MB (target ≤ 200), at end ${f(s.finalRssMb, 0)} MB; server CPU over the whole run ${f(s.totalCpuMs / 1000, 1)} s.`,
  );
  const errors = report.phases.filter((r) => r.firstError);
  for (const r of errors) lines.push(`- ${r.phase}: first error: ${r.firstError}`);
  return lines.join('\n');
}

export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${report.db}${report.profiled ? '-profiled' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
