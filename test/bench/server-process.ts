import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../helpers/free-port';

const ROOT = resolve(__dirname, '../..');
const CLOCK_TICKS_PER_SECOND = 100;

export interface ServerProcess {
  url: string;
  pid: number;
  /** How it was started: the runtime environment and node flags taken from `npm start`. */
  command: string;
  /** utime + stime of the server process in milliseconds, from /proc. */
  cpuMs(): number;
  /** Current and peak resident set size in MB, from /proc. */
  memoryMb(): { rss: number; peak: number };
  stop(): Promise<void>;
}

/**
 * How `npm start` (package.json) runs the server: leading VAR=value words become environment,
 * the words between `node` and `dist/main.js` node flags. The benchmark measures it as it runs.
 */
function startCommand(): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  // Only NAME=value words count (a shell word such as `exec` before node is not a variable).
  const assignments = words.slice(0, node).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  const env = Object.fromEntries(
    assignments.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  const flags = words.slice(node + 1, words.indexOf('dist/main.js'));
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  return { flags: [...flags, ...extra], env };
}

/** Starts dist/main.js on loopback with the given settings and waits until it listens. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const start = startCommand();
  const child: ChildProcess = spawn(
    process.execPath,
    [...start.flags, join(ROOT, 'dist/main.js')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        // Benchmarks measure the server, not its abuse limits (each bench may raise them instead).
        RATE_LIMIT_HANDSHAKES_PER_IP: '0',
        RATE_LIMIT_REQUESTS_PER_IDENTITY: '0',
        // Load comes from one address here: per-IP budgets would measure themselves.
        RATE_LIMIT_REQUESTS_PER_IP: '0',
        AUTH_MAX_SESSIONS_PER_IP: '10000000',
        SOCKET_MAX_PER_IP: '1000000',
        // The runtime settings npm start gives the server (e.g. MALLOC_ARENA_MAX), then the bench's.
        ...start.env,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((done, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server did not start: ${out}`));
    }, 30000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Listening on')) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}): ${out}`)));
  });
  child.stdout?.resume();
  const pid = child.pid!;
  const settings = Object.entries(start.env).map(([k, v]) => `${k}=${v}`);
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    command: [...settings, 'node', ...start.flags, 'dist/main.js'].join(' '),
    cpuMs: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    },
    memoryMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    },
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
