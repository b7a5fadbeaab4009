/**
 * Options of `npm run bench`: flags (`--db mysql`, `--sends 500`, `--cpu-prof`) win over
 * environment variables (BENCH_DB, BENCH_SENDS, BENCH_CPU_PROF=1), which win over the defaults.
 * Every count is an upper bound; every phase also stops at `phaseSeconds`.
 */
import { availableParallelism } from 'node:os';

export const PHASES = [
  'handshake',
  'send-1',
  'send-10',
  'list-10',
  'list-100',
  'list-1000',
  'ack',
  'live-0',
  'live-100',
] as const;
export type PhaseName = (typeof PHASES)[number];

export interface BenchOptions {
  db: 'sqlite' | 'mysql';
  /** SQLite file (a fresh temporary file by default) or ":memory:". */
  sqliteFile?: string;
  workers: number;
  /** Concurrent identities (each its own AuthFetch) per worker. */
  lanes: number;
  handshakes: number;
  sends: number;
  multiSends: number;
  multiRecipients: number;
  list10: number;
  list100: number;
  list1000: number;
  acks: number;
  liveMessages: number;
  idleSockets: number;
  warmUp: number;
  phaseSeconds: number;
  /** Phases to run (all by default); prerequisites (population) run unmeasured. */
  only: Set<PhaseName>;
  /** Spawn the server with --cpu-prof and record each phase's time window. */
  cpuProf: boolean;
  cpuProfIntervalUs: number;
}

interface Spec {
  key: keyof BenchOptions;
  flag: string;
  env: string;
  fallback: string;
  help: string;
}

const SPECS: Spec[] = [
  { key: 'db', flag: 'db', env: 'BENCH_DB', fallback: 'sqlite', help: 'sqlite | mysql' },
  {
    key: 'sqliteFile',
    flag: 'sqlite-file',
    env: 'BENCH_SQLITE_FILE',
    fallback: '',
    help: 'SQLite path or :memory: (default: a fresh temporary file)',
  },
  {
    key: 'workers',
    flag: 'workers',
    env: 'BENCH_WORKERS',
    fallback: String(Math.max(1, Math.min(4, availableParallelism()))),
    help: 'load-generator worker threads',
  },
  { key: 'lanes', flag: 'lanes', env: 'BENCH_LANES', fallback: '4', help: 'identities/worker' },
  { key: 'handshakes', flag: 'handshakes', env: 'BENCH_HANDSHAKES', fallback: '1000', help: '' },
  { key: 'sends', flag: 'sends', env: 'BENCH_SENDS', fallback: '5000', help: '1-recipient' },
  { key: 'multiSends', flag: 'multi-sends', env: 'BENCH_MULTI_SENDS', fallback: '1000', help: '' },
  {
    key: 'multiRecipients',
    flag: 'multi-recipients',
    env: 'BENCH_MULTI_RECIPIENTS',
    fallback: '10',
    help: '',
  },
  { key: 'list10', flag: 'list10', env: 'BENCH_LIST10', fallback: '3000', help: '' },
  { key: 'list100', flag: 'list100', env: 'BENCH_LIST100', fallback: '1500', help: '' },
  { key: 'list1000', flag: 'list1000', env: 'BENCH_LIST1000', fallback: '300', help: '' },
  { key: 'acks', flag: 'acks', env: 'BENCH_ACKS', fallback: '3000', help: '' },
  { key: 'liveMessages', flag: 'live', env: 'BENCH_LIVE', fallback: '1000', help: 'per path' },
  {
    key: 'idleSockets',
    flag: 'idle-sockets',
    env: 'BENCH_IDLE_SOCKETS',
    fallback: '100',
    help: '',
  },
  { key: 'warmUp', flag: 'warm-up', env: 'BENCH_WARM_UP', fallback: '8', help: 'ops per lane' },
  {
    key: 'phaseSeconds',
    flag: 'phase-seconds',
    env: 'BENCH_PHASE_SECONDS',
    fallback: '45',
    help: 'time cap per phase',
  },
  { key: 'only', flag: 'only', env: 'BENCH_ONLY', fallback: '', help: 'comma-separated phases' },
  { key: 'cpuProf', flag: 'cpu-prof', env: 'BENCH_CPU_PROF', fallback: '0', help: '' },
  {
    key: 'cpuProfIntervalUs',
    flag: 'cpu-prof-interval',
    env: 'BENCH_CPU_PROF_INTERVAL',
    fallback: '250',
    help: 'sampling interval µs',
  },
];

function usage(): string {
  return [
    'npm run bench -- [options]   (flags override BENCH_* environment variables)',
    ...SPECS.map(
      (s) => `  --${s.flag.padEnd(18)} ${s.env.padEnd(24)} default ${s.fallback || '-'}  ${s.help}`,
    ),
    `  phases: ${PHASES.join(', ')}`,
  ].join('\n');
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage());
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${usage()}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const spec = SPECS.find((s) => s.flag === name);
    if (!spec) throw new Error(`unknown option --${name}\n${usage()}`);
    if (inline !== undefined) flags.set(name, inline);
    else if (spec.key === 'cpuProf') flags.set(name, '1');
    else if (i + 1 < argv.length) flags.set(name, argv[++i]);
    else throw new Error(`--${name} needs a value`);
  }
  const raw = (s: Spec): string => flags.get(s.flag) ?? env[s.env] ?? s.fallback;
  const out: Record<string, unknown> = {};
  for (const s of SPECS) {
    const value = raw(s);
    if (s.key === 'db') {
      if (value !== 'sqlite' && value !== 'mysql') throw new Error('--db must be sqlite or mysql');
      out.db = value;
    } else if (s.key === 'sqliteFile') {
      out.sqliteFile = value || undefined;
    } else if (s.key === 'only') {
      const names = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      for (const n of names)
        if (!(PHASES as readonly string[]).includes(n)) throw new Error(`unknown phase ${n}`);
      out.only = new Set(names.length > 0 ? names : PHASES);
    } else if (s.key === 'cpuProf') {
      out.cpuProf = value === '1' || value === 'true';
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${s.flag} must be an integer ≥ 0`);
      out[s.key] = n;
    }
  }
  const options = out as unknown as BenchOptions;
  if (options.workers < 1 || options.lanes < 1) throw new Error('workers and lanes must be ≥ 1');
  return options;
}
