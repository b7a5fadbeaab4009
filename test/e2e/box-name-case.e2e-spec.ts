import { AuthFetch } from '@bsv/sdk';
import { DataSource } from 'typeorm';
import { CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { MIGRATIONS } from '../../src/database/migrations';
import { settlesWithin } from '../helpers/auth-clients';
import { describeEachDatabase, describeOnDatabase } from '../helpers/database-targets';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { buildPayment } from '../helpers/payment-builder';
import { collectEvents } from '../helpers/socket-events';
import { SignedParty, signedHttpSuite } from '../helpers/signed-http-suite';

/**
 * Box names are stored exactly, but a box is priced as the stricter of its own rules and those of
 * its lower-case form (docs/protocol/fees-and-payments.md#case-variants-pay-at-least-the-lower-case-price):
 * `Notifications` costs what the paid `notifications` costs, and a paid send lands in its own box.
 */
describeEachDatabase('box name case on $name', (target) => {
  const { app, party, post } = signedHttpSuite(target);

  const send = (from: AuthFetch, recipient: string, messageBox: string, payment?: unknown) =>
    post(from, '/sendMessage', {
      message: { recipient, messageBox, messageId: `id-${Math.random()}`, body: 'hi' },
      ...(payment ? { payment } : {}),
    });
  const listed = async (who: AuthFetch, messageBox: string) =>
    ((await post(who, '/listMessages', { messageBox })).json.messages as unknown[]).length;
  const quote = async (who: SignedParty, recipient: string, messageBox: string) => {
    const res = await settlesWithin(
      who.http.fetch(
        `${app().url}/permissions/quote?recipient=${recipient}&messageBox=${messageBox}`,
      ),
    );
    return ((await res.json()) as { quote: unknown }).quote;
  };
  const paymentFor = (from: SignedParty, recipient: string) =>
    buildPayment(from.wallet, app().app.get(CryptoProvider).identityKey, [
      { to: 'server', satoshis: 10 },
      { to: recipient, satoshis: 10 },
    ]);

  it('`Notifications` is quoted like `notifications`, refused unpaid, and a paid send lands in its own box', async () => {
    const [alice, bob] = [await party(), await party()];
    expect(await quote(alice, bob.key, 'notifications')).toEqual({
      deliveryFee: 10,
      recipientFee: 10,
    });
    expect(await quote(alice, bob.key, 'Notifications')).toEqual(
      await quote(alice, bob.key, 'notifications'),
    );
    const unpaid = await send(alice.http, bob.key, 'Notifications');
    expect(unpaid).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
    expect(await listed(bob.http, 'Notifications')).toBe(0);

    const paid = await send(alice.http, bob.key, 'Notifications', await paymentFor(alice, bob.key));
    expect(paid.status).toBe(200);
    expect(await listed(bob.http, 'Notifications')).toBe(1);
    expect(await listed(bob.http, 'notifications')).toBe(0);
  });

  it('an unpaid live send to `Notifications` over the socket is refused like one over HTTP', async () => {
    const [alice, bob] = [await party(), await party()];
    const client = newMessageBoxClient(app().url, alice.wallet.asWallet());
    try {
      await client.initializeConnection();
      const socket = client.testSocket;
      if (!socket) throw new Error('the official client opened no socket');
      const acks = collectEvents<Record<string, unknown>>(
        socket,
        `sendMessageAck-${bob.key}-Notifications`,
      );
      // The client logs the HTTP 400 of its fallback even with logging off.
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await expect(
        client.sendLiveMessage(
          { recipient: bob.key, messageBox: 'Notifications', body: 'free?' },
          app().url,
        ),
      ).rejects.toThrow(/400/);
      quiet.mockRestore();
      expect(acks).toEqual([
        expect.objectContaining({ status: 'error', code: 'ERR_MISSING_PAYMENT_TX' }),
      ]);
      expect(await listed(bob.http, 'Notifications')).toBe(0);
    } finally {
      await client.disconnectWebSocket();
    }
  });

  it('a rule blocking a sender on the lower-case box blocks it on every case variant, at once despite the cache', async () => {
    const [alice, bob] = [await party(), await party()];
    // Priced (and cached) before the rule exists.
    expect(await quote(alice, bob.key, 'NOTIFICATIONS')).toEqual({
      deliveryFee: 10,
      recipientFee: 10,
    });
    const set = await post(bob.http, '/permissions/set', {
      messageBox: 'notifications',
      sender: alice.key,
      recipientFee: -1,
    });
    expect(set.status).toBe(200);
    expect(await quote(alice, bob.key, 'NOTIFICATIONS')).toEqual({
      deliveryFee: 10,
      recipientFee: -1,
    });
    const blocked = await send(
      alice.http,
      bob.key,
      'NOTIFICATIONS',
      await paymentFor(alice, bob.key),
    );
    expect(blocked).toMatchObject({ status: 403, json: { code: 'ERR_DELIVERY_BLOCKED' } });
    expect(await listed(bob.http, 'NOTIFICATIONS')).toBe(0);
  });

  it("a rule on a mixed-case box prices that box only; the lower-case box's rule prices both", async () => {
    const [alice, bob] = [await party(), await party()];
    expect(
      (await post(bob.http, '/permissions/set', { messageBox: 'Paid', recipientFee: 50 })).status,
    ).toBe(200);
    expect((await send(alice.http, bob.key, 'paid')).status).toBe(200);
    const charged = await send(alice.http, bob.key, 'Paid');
    expect(charged).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
    expect(await listed(bob.http, 'paid')).toBe(1);
    expect(await listed(bob.http, 'Paid')).toBe(0);

    expect(
      (await post(bob.http, '/permissions/set', { messageBox: 'tips', recipientFee: 7 })).status,
    ).toBe(200);
    expect(await quote(alice, bob.key, 'Tips')).toEqual({ deliveryFee: 0, recipientFee: 7 });
  });
});

describeOnDatabase('MariaDB', 'binary box-name migration on $name', (target) => {
  const { app, party, post } = signedHttpSuite(target);

  it('makes box names and message ids binary and keeps the rows', async () => {
    const [alice, bob] = [await party(), await party()];
    const message = { recipient: bob.key, messageBox: 'Inbox', messageId: 'kept', body: 'hi' };
    expect((await post(alice.http, '/sendMessage', { message })).status).toBe(200);
    const ds = app().app.get(DataSource);
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
