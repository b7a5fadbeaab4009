import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runAdmin } from '../../src/admin/run-admin';
import { EnvironmentVariables } from '../../src/config/environment-variables';
import { MessageEntity } from '../../src/messages/message.entity';
import { Caller, newCaller, newIdentityKey, newMessage } from '../helpers/factories';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { describeEachDatabase } from '../helpers/database-targets';
import { TEST_REDIS_URL } from '../helpers/redis';
import { testEnvironment } from '../helpers/test-environment';

async function admin(env: EnvironmentVariables, ...args: string[]) {
  let text = '';
  const code = await runAdmin(args, env, { write: (chunk: string) => (text += chunk) });
  return { code, text };
}

describeEachDatabase('admin commands on $name', (target) => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-admin-'));
  let env!: EnvironmentVariables;
  let t: TestApp | undefined;
  let teardown: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const db = await target.setup();
    teardown = db.teardown;
    // A file, not :memory:, so that the CLI and the server share the SQLite database.
    const source = db.env.DB_DRIVER === 'sqlite3' ? join(dir, 'messagebox.db') : db.env.DB_SOURCE;
    env = testEnvironment({ ...db.env, DB_SOURCE: source });
    t = await createTestApp(env);
  });
  afterAll(async () => {
    await t?.close();
    await teardown?.();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(from: Caller, recipient: string, messageBox: string): Promise<string> {
    const message = newMessage({ recipient, messageBox, body: 'hi' });
    const res = await from.post('/sendMessage', { message });
    expect(res.status).toBe(200);
    return message.messageId;
  }

  it('sets a delivery fee that the running server quotes, and shows it', async () => {
    expect(await admin(env, 'fees', 'set', 'paid_box', '250')).toEqual({
      code: 0,
      text: 'Delivery fee of "paid_box" set to 250 sats (running servers apply it within 5 s)\n',
    });
    const shown = await admin(env, 'fees', 'show');
    expect(shown.code).toBe(0);
    expect(shown.text.split('\n')).toEqual(
      expect.arrayContaining(['notifications\t10', 'paid_box\t250']),
    );
    // This server has not cached fees yet, so the new value is read at once.
    const alice = newCaller(t!.url);
    const bob = newIdentityKey();
    const quote = await alice.get(`/permissions/quote?messageBox=paid_box&recipient=${bob}`);
    expect(quote.json).toMatchObject({ quote: { deliveryFee: 250 } });
  });

  it('shows messages per box, devices and where sessions live', async () => {
    const alice = newCaller(t!.url);
    const bob = newIdentityKey();
    await send(alice, bob, 'stats_a');
    await send(alice, bob, 'stats_a');
    await send(alice, bob, 'stats_b');
    const json = await admin(env, 'stats', '--json');
    expect(json.code).toBe(0);
    const stats = JSON.parse(json.text) as {
      messagesByBox: Array<{ messageBox: string; messages: number }>;
      devices: { total: number; active: number };
      sessions: number | null;
    };
    expect(stats.messagesByBox).toEqual(
      expect.arrayContaining([
        { messageBox: 'stats_a', messages: 2 },
        { messageBox: 'stats_b', messages: 1 },
      ]),
    );
    expect(stats.devices).toEqual({ total: expect.any(Number), active: expect.any(Number) });
    expect(stats.sessions).toBeNull();
    const text = await admin(env, 'stats');
    expect(text.text).toContain('stats_a\t2');
    expect(text.text).toContain('Sessions: kept in memory by each server process');
    const redis = { ...env, REDIS_URL: TEST_REDIS_URL };
    const shared = JSON.parse((await admin(redis, 'stats', '--json')).text) as typeof stats;
    expect(shared.sessions).toEqual(expect.any(Number));
  });

  it('purges only unacknowledged messages older than N days and says how many', async () => {
    const alice = newCaller(t!.url);
    const bob = newIdentityKey();
    const old = await send(alice, bob, 'purge_box');
    const fresh = await send(alice, bob, 'purge_box');
    const messages = t!.app.get(DataSource).getRepository(MessageEntity);
    await messages.update(
      { messageId: old, recipient: bob },
      { createdAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) },
    );
    const purged = await admin(env, 'purge', '--older-than-days', '30');
    expect(purged.code).toBe(0);
    expect(purged.text).toMatch(/^Deleted 1 unacknowledged message\(s\) stored before /);
    expect(await messages.countBy({ recipient: bob, messageId: old })).toBe(0);
    expect(await messages.countBy({ recipient: bob, messageId: fresh })).toBe(1);
  });

  it('refuses unknown commands and bad numbers with the usage and status 2', async () => {
    for (const args of [
      ['fees', 'set', 'box', '-1'],
      ['purge', '--older-than-days', '0'],
      ['nuke'],
    ]) {
      const result = await admin(env, ...args);
      expect(result.code).toBe(2);
      expect(result.text).toContain('Usage: npm run admin -- <command>');
    }
  });
});
