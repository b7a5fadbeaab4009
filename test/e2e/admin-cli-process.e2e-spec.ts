import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DbDriver } from '../../src/config/environment-variables';
import { openDataSource } from '../../src/database/open-data-source';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { ensureFreshBuild } from '../helpers/fresh-build';
import { tempDir } from '../helpers/temp-dir';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/admin/admin-cli.js');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a command as a real process with only the given environment; resolves when it exits. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Run> {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, out, err })));
}

const admin = (cwd: string, env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [CLI, ...args], cwd, env);

describe('the admin CLI as a process (dist/admin/admin-cli.js)', () => {
  let db: string;

  beforeAll(async () => {
    ensureFreshBuild();
    // A server's database, migrated as the server would leave it.
    db = join(tempDir('mb-cli-db-'), 'messagebox.db');
    const settings = {
      driver: DbDriver.Sqlite,
      source: db,
      maxConnections: 1,
      runMigrations: true,
    };
    await (await openDataSource(buildDataSourceOptions(settings))).destroy();
  }, 120000);

  it('refuses to run where there is no database, and creates nothing there', async () => {
    const cwd = tempDir('mb-cli-empty-');
    const result = await admin(cwd, {}, 'fees', 'show');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`No SQLite database at ${join(cwd, 'messagebox.db')}`);
    expect(readdirSync(cwd)).toEqual([]);
    const json = await admin(cwd, {}, 'stats', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.err)).toEqual({ error: expect.stringContaining('No SQLite database') });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    [[]],
    [['nuke']],
    [['fees', 'set', 'box', '-1']],
    [['purge', '--older-than-days']],
    [['stats', 'extra']],
  ])('exits 2 with the usage on stderr for %j', async (args) => {
    const result = await admin(ROOT, { DB_SOURCE: db }, ...args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('Usage: npm run admin -- <command>');
  });

  // Six processes in a row, each loading TypeORM: a generous limit for a busy shared machine.
  it('answers every command in JSON with --json', async () => {
    const env = { DB_SOURCE: db };
    const set = await admin(ROOT, env, 'fees', 'set', 'cli_box', '42', '--json');
    expect(set).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(set.out)).toEqual({ messageBox: 'cli_box', deliveryFee: 42 });
    const show = await admin(ROOT, env, '--json', 'fees', 'show');
    // Only the fee set above: the built-in ones are written by a starting server.
    expect(JSON.parse(show.out)).toEqual({ fees: { cli_box: 42 } });
    const stats = await admin(ROOT, env, 'stats', '--json');
    expect(JSON.parse(stats.out)).toEqual({
      messagesByBox: [],
      totalMessages: 0,
      devices: { total: 0, active: 0 },
      sessions: null,
    });
    const purge = await admin(ROOT, env, 'purge', '--older-than-days', '30', '--json');
    expect(JSON.parse(purge.out)).toEqual({ deleted: 0, storedBefore: expect.any(String) });
    const help = await admin(ROOT, env, 'help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('--json');
  }, 180000);

  it('runs through `npm run admin` from the built files, without building', async () => {
    const result = await run(
      'npm',
      ['run', '--silent', 'admin', '--', 'fees', 'show', '--json'],
      ROOT,
      {
        DB_SOURCE: db,
      },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      fees: expect.any(Object),
    });
    expect(result.err).toBe('');
  });
});
