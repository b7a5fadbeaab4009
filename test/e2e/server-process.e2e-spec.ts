import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../helpers/free-port';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, ...extra };
}

/** Resolves once the server logs that it listens (no polling, no sleeps). */
function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Listening on')) done();
    });
    child.once('exit', (code) => fail(new Error(`server exited early (${code}): ${out}`)));
  });
}

describe('the server process (dist/main.js)', () => {
  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status).toBe(0);
  }, 120000);

  it('starts on SQLite with no configuration, serves /health and exits 0 on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mb-start-'));
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForListening(child);
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'success', uptimeSeconds: expect.any(Number) });
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'success', checks: { database: 'up' } });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it.each([
    [{ NODE_ENV: 'production', SERVER_PRIVATE_KEY: 'xyz' }, 'SERVER_PRIVATE_KEY'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ DB_DRIVER: 'oracle' }, 'DB_DRIVER'],
  ])('refuses %o with one clear message naming %s and no stack trace', (vars, name) => {
    const cwd = mkdtempSync(join(tmpdir(), 'mb-bad-'));
    const run = spawnSync(process.execPath, [MAIN], {
      cwd,
      env: cleanEnv(vars),
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}- /);
    expect(run.stderr).toContain(name);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});
