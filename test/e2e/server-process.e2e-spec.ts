import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../helpers/free-port';
import { ensureFreshBuild } from '../helpers/fresh-build';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/main.js');

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, ...extra };
}

const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** Everything a process writes to stdout and stderr, and its exit code, once it has exited. */
function outputOf(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, out, err })));
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
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
  beforeAll(() => ensureFreshBuild(), 120000);

  it('starts on SQLite with no configuration, serves /health and exits 0 on SIGTERM', async () => {
    const cwd = tempDir('mb-start-');
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
    const cwd = tempDir('mb-bad-');
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

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'logs JSON from the first line to the last with LOG_FORMAT=json, one start-up summary, and stops on %s',
    async (signal) => {
      const cwd = tempDir('mb-json-');
      const port = await freePort();
      const child = spawn(process.execPath, [MAIN], {
        cwd,
        env: cleanEnv({
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_FORMAT: 'json',
          // Configured but switched off: push must stay off and say so.
          ENABLE_FIREBASE: 'false',
          FIREBASE_PROJECT_ID: 'some-project',
          FIREBASE_SERVICE_ACCOUNT_JSON: '{"client_email":"a@b","private_key":"PRIVATE KEY"}',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = outputOf(child);
      await waitForListening(child);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      child.kill(signal);
      const { code, out, err } = await output;
      expect(code).toBe(0);
      expect(err).toBe('');
      const lines = jsonLines(out);
      const summaries = lines.filter((l) => String(l.msg).startsWith('Listening on'));
      expect(summaries).toEqual([
        expect.objectContaining({
          level: 30,
          version: VERSION,
          database: expect.stringMatching(/^sqlite/),
          redis: 'off',
          websockets: 'on',
          push: 'off',
          crypto: expect.any(String),
          listen: `http://127.0.0.1:${port}`,
          identityKey: expect.stringMatching(/^0[23][0-9a-f]{64}$/),
        }),
      ]);
      // No module-by-module noise at the default level: the generated-key warning, the summary,
      // and after the request the shutdown lines.
      const startup = lines.slice(0, lines.indexOf(summaries[0]) + 1);
      expect(startup.length).toBeLessThanOrEqual(3);
      expect(out).not.toMatch(/InstanceLoader|RouterExplorer|Push notifications on/);
      expect(lines.map((l) => l.msg)).toContainEqual(
        expect.stringMatching(new RegExp(`^${signal} received: not ready, draining`)),
      );
    },
  );

  it('reports a failed start as one readable line on stderr and the error as a JSON line', async () => {
    const cwd = tempDir('mb-fail-');
    const closed = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: cleanEnv({
        LOG_FORMAT: 'json',
        DB_DRIVER: 'mysql',
        DB_SOURCE: `mysql://root@127.0.0.1:${closed}/nothing`,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, out, err } = await outputOf(child);
    expect(code).toBe(1);
    expect(err).toBe(`Start-up failed: connect ECONNREFUSED 127.0.0.1:${closed}\n`);
    const lines = jsonLines(out);
    expect(lines[lines.length - 1]).toMatchObject({
      level: 60,
      msg: 'Start-up failed',
      err: { message: `connect ECONNREFUSED 127.0.0.1:${closed}`, stack: expect.any(String) },
    });
    expect(out).not.toContain('\u001b[');
  });
});
