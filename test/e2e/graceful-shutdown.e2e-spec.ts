import { AuthFetch } from '@bsv/sdk';
import { BeforeApplicationShutdown, Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DbDriver } from '../../src/config/environment-variables';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { openDataSource } from '../../src/database/open-data-source';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { closeGracefully } from '../../src/operations/lifecycle/close-gracefully';
import { MessageEntity } from '../../src/messages/message.entity';
import { identityOf, newWallet } from '../helpers/auth-clients';
import { createTestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';

let shutdownStarted: () => void = () => undefined;

/** Tells the test when Nest begins shutting down (before it closes the HTTP server). */
@Injectable()
class ShutdownProbe implements BeforeApplicationShutdown {
  beforeApplicationShutdown(): void {
    shutdownStarted();
  }
}

@Module({ providers: [ShutdownProbe] })
class ShutdownProbeModule {}

/** Resolves once the port refuses new connections (each attempt is a real connection). */
async function refused(port: number): Promise<void> {
  while (await accepts(port));
}

/** One real connection attempt: true when the port accepted it. */
function accepts(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('graceful shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-shutdown-'));
  const file = join(dir, 'messagebox.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a send that is in flight at shutdown finish, and keeps its message', async () => {
    const t = await createTestApp(testEnvironment({ DB_SOURCE: file }), [ShutdownProbeModule]);
    const server = t.app.getHttpServer();
    const port = Number(new URL(t.url).port);
    const alice = new AuthFetch(newWallet());
    const bob = await identityOf(newWallet());
    // Handshake first, so that the send below is one single HTTP request.
    await alice.fetch(`${t.url}/devices`, { method: 'GET' });

    // Hold the database writer (SQLite writes are queued one at a time) until shutdown is under way.
    let releaseWriter: () => void = () => undefined;
    const writerHeld = new Promise<void>((resolve) => (releaseWriter = resolve));
    void t.app.get(TransactionRunner).run(() => writerHeld);

    const arrived = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const messageId = randomUUID();
    const sending = alice.fetch(`${t.url}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: { recipient: bob, messageBox: 'inbox', messageId, body: 'x' },
      }),
    });
    await arrived;

    const started = new Promise<void>((resolve) => (shutdownStarted = resolve));
    const events: string[] = [];
    const closing = closeGracefully(t.app, 20000).then(() => events.push('closed'));
    await started;
    await refused(port);
    events.push('refusing new connections');
    releaseWriter();

    const res = await sending;
    events.push('send answered');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'success' });
    await closing;
    expect(events).toEqual(['refusing new connections', 'send answered', 'closed']);

    const ds: DataSource = await openDataSource(
      buildDataSourceOptions({
        driver: DbDriver.Sqlite,
        source: file,
        maxConnections: 1,
        runMigrations: false,
      }),
    );
    try {
      expect(await ds.getRepository(MessageEntity).countBy({ messageId, recipient: bob })).toBe(1);
    } finally {
      await ds.destroy();
    }
  });
});
