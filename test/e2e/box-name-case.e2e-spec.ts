import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { identityOf, newWallet, settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { describeEachDatabase } from '../helpers/database-targets';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { testEnvironment } from '../helpers/test-environment';

/**
 * Box names are exact on every database: `Notifications` is a different box from the paid
 * `notifications`, priced and stored as such, so a case variant never delivers unpaid into a
 * paid box.
 */
describeEachDatabase('box names compare exactly on $name', (target) => {
  let t!: TestApp;
  testAppOnDatabase(
    target,
    (env) => createTestApp(testEnvironment(env)),
    (app) => (t = app),
  );

  async function party() {
    const wallet = newWallet(PrivateKey.fromRandom());
    return { key: await identityOf(wallet), http: new AuthFetch(wallet) };
  }

  async function post(who: AuthFetch, path: string, body: unknown) {
    const res = await settlesWithin(
      who.fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  const send = (from: AuthFetch, recipient: string, messageBox: string) =>
    post(from, '/sendMessage', {
      message: { recipient, messageBox, messageId: `id-${Math.random()}`, body: 'hi' },
    });
  const listed = async (who: AuthFetch, messageBox: string) =>
    ((await post(who, '/listMessages', { messageBox })).json.messages as unknown[]).length;

  it('an unpaid send to `Notifications` lands in its own box, never in the paid `notifications`', async () => {
    const [alice, bob] = [await party(), await party()];
    const quote = await settlesWithin(
      alice.http.fetch(`${t.url}/permissions/quote?recipient=${bob.key}&messageBox=Notifications`),
    );
    expect(((await quote.json()) as { quote: unknown }).quote).toEqual({
      deliveryFee: 0,
      recipientFee: 0,
    });
    expect((await send(alice.http, bob.key, 'Notifications')).status).toBe(200);
    expect(await listed(bob.http, 'notifications')).toBe(0);
    expect(await listed(bob.http, 'Notifications')).toBe(1);
    const unpaid = await send(alice.http, bob.key, 'notifications');
    expect(unpaid).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
  });

  it("a recipient's rule applies to the exact box name only, in the database and in the cache", async () => {
    const [alice, bob] = [await party(), await party()];
    const set = await post(bob.http, '/permissions/set', { messageBox: 'Paid', recipientFee: 50 });
    expect(set.status).toBe(200);
    expect((await send(alice.http, bob.key, 'paid')).status).toBe(200);
    const charged = await send(alice.http, bob.key, 'Paid');
    expect(charged).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
    expect(await listed(bob.http, 'paid')).toBe(1);
    expect(await listed(bob.http, 'Paid')).toBe(0);
  });

  it('the migration makes box names and message ids binary and keeps the rows (MySQL/MariaDB)', async () => {
    if (!t || target.name !== 'MariaDB') return;
    const ds = t.app.get(DataSource);
    const rows = () =>
      ds.query<unknown[]>('SELECT messageBoxId, type, identityKey FROM messageBox ORDER BY 1');
    const collations = () =>
      ds.query<Array<{ c: string }>>(
        `SELECT COLLATION_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
         AND ((TABLE_NAME = 'messageBox' AND COLUMN_NAME = 'type') OR (TABLE_NAME = 'messages' AND COLUMN_NAME = 'messageId'))`,
      );
    const before = await rows();
    expect(before.length).toBeGreaterThan(0);
    expect((await collations()).map((r) => r.c)).toEqual(['utf8mb4_bin', 'utf8mb4_bin']);
    const index = MIGRATIONS.findIndex((m) => m.name === 'BinaryBoxNames1764160000001');
    for (let i = index; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect((await collations()).map((r) => r.c)).not.toContain('utf8mb4_bin');
    await ds.runMigrations();
    expect((await collations()).map((r) => r.c)).toEqual(['utf8mb4_bin', 'utf8mb4_bin']);
    expect(await rows()).toEqual(before);
  });
});
