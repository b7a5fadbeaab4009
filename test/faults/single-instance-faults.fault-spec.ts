import { AuthFetch } from '@bsv/sdk';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf, newWallet } from '../helpers/auth-clients';
import { freePort } from '../helpers/free-port';
import { ChildService } from './helpers/child-service';
import { MAIN, ServerInstance } from './helpers/server-instance';

const ROOT = join(__dirname, '../..');
const BURST = 50;

describe('one instance on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-faults-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drains on SIGTERM: readiness 503 ERR_SHUTTING_DOWN first, a burst sent at SIGTERM all answered and stored', async () => {
    const file = join(dir, 'drain.db');
    const env = {
      SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
      DB_SOURCE: file,
      SHUTDOWN_DRAIN_SECONDS: '3',
      SHUTDOWN_GRACE_SECONDS: '60',
    };
    const instance = await ServerInstance.start(env, 'draining instance');
    // Ready before the burst (this also runs the SQLite write probe outside the burst).
    expect((await instance.readiness()).status).toBe(200);
    const alice = new AuthFetch(newWallet());
    const bobWallet = newWallet();
    const bob = await identityOf(bobWallet);
    // Handshake first: each send below is then one HTTP request.
    await alice.fetch(`${instance.url}/devices`, { method: 'GET' });
    const ids = Array.from({ length: BURST }, () => randomUUID());
    const burst = ids.map((messageId) =>
      alice
        .fetch(`${instance.url}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            message: { recipient: bob, messageBox: 'inbox', messageId, body: 'x' },
          }),
        })
        .then(
          (r) => r.status,
          (e: unknown) => String(e),
        ),
    );
    instance.service.signal('SIGTERM');
    // Readiness turns 503 while the listener still serves (each probe is a real request).
    let ready = await instance.readiness();
    while (ready.status === 200) ready = await instance.readiness();
    expect(ready).toEqual({
      status: 503,
      body: {
        status: 'error',
        code: 'ERR_SHUTTING_DOWN',
        description: 'This instance is shutting down.',
      },
    });
    expect(await Promise.all(burst)).toEqual(ids.map(() => 200));
    expect(await instance.service.stop('SIGCONT')).toBe(0);

    // Every accepted send is stored once: the recipient lists them on a fresh start.
    const again = await ServerInstance.start(env, 'restarted instance');
    try {
      const listed = await new AuthFetch(bobWallet).fetch(`${again.url}/listMessages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageBox: 'inbox' }),
      });
      const { messages } = (await listed.json()) as { messages: Array<{ messageId: string }> };
      expect(messages.map((m) => m.messageId).sort()).toEqual([...ids].sort());
    } finally {
      await again.stop('SIGTERM');
    }
  });

  it('refuses a second server process on the same SQLite file, with a clear message', async () => {
    const file = join(dir, 'locked.db');
    const first = await ServerInstance.start(
      { SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'), DB_SOURCE: file },
      'first instance',
    );
    try {
      const second = spawnSync(process.execPath, [MAIN], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          PORT: String(await freePort()),
          HOST: '127.0.0.1',
          DB_SOURCE: file,
        },
        encoding: 'utf8',
        timeout: 30000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(
        'Another MessageBox server is already running on the SQLite database',
      );
      expect(first.alive).toBe(true);
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0);
    }
    // The lock goes with the process: a new server starts on the file at once.
    const next = await ServerInstance.start(
      { SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'), DB_SOURCE: file },
      'next instance',
    );
    expect(await next.stop('SIGTERM')).toBe(0);
  });

  it('npm start delivers SIGTERM to node: the server exits, nothing is left running', async () => {
    const port = await freePort();
    const npm = new ChildService('npm run start:prod', 'npm', ['run', 'start:prod'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        DB_SOURCE: join(dir, 'npm.db'),
        SHUTDOWN_DRAIN_SECONDS: '0',
        SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
      },
    });
    npm.start();
    await npm.waitForOutput('Listening on', 60000);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(await npm.stop('SIGTERM')).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
