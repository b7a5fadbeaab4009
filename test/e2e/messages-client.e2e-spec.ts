import { MessageBoxClient } from '@bsv/message-box-client';
import { AuthFetch } from '@bsv/sdk';
import { CryptoProvider } from '../../src/auth/crypto/crypto-provider';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { describeEachDatabase } from '../helpers/database-targets';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { testEnvironment } from '../helpers/test-environment';
import { TestWallet } from '../helpers/test-wallet';

interface Party {
  key: string;
  client: MessageBoxClient;
  /** The same identity over plain AuthFetch, to see the server's raw answers. */
  http: AuthFetch;
}

interface RawListed {
  messages: Array<{ messageId: string; body: string; sender: string }>;
}

describeEachDatabase('the official client against the server on $name', (target) => {
  let t!: TestApp;
  testAppOnDatabase(
    target,
    (env) => createTestApp(testEnvironment(env)),
    (app) => (t = app),
  );

  async function party(): Promise<Party> {
    const wallet = new TestWallet();
    const client = newMessageBoxClient(t.url, wallet.asWallet());
    return { key: await client.getIdentityKey(), client, http: new AuthFetch(wallet.asWallet()) };
  }

  async function rawList(p: Party, messageBox: string): Promise<RawListed> {
    const res = await p.http.fetch(`${t.url}/listMessages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageBox }),
    });
    return (await res.json()) as RawListed;
  }

  it('delivers an encrypted message that the recipient lists decrypted, then acknowledges', async () => {
    const [alice, bob] = [await party(), await party()];
    const sent = await alice.client.sendMessage({
      recipient: bob.key,
      messageBox: 'inbox',
      body: { text: 'secret hello' },
    });
    expect(sent.status).toBe('success');

    const raw = await rawList(bob, 'inbox');
    expect(raw.messages).toHaveLength(1);
    const stored = JSON.parse(raw.messages[0].body) as { message: string };
    expect(Object.keys(JSON.parse(stored.message) as object)).toEqual(['encryptedMessage']);
    expect(raw.messages[0].body).not.toContain('secret hello');

    const listed = await bob.client.listMessages({ messageBox: 'inbox' });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      messageId: sent.messageId,
      sender: alice.key,
      body: { text: 'secret hello' },
    });

    expect(await bob.client.acknowledgeMessage({ messageIds: [sent.messageId] })).toBe('success');
    expect(await bob.client.listMessages({ messageBox: 'inbox' })).toEqual([]);
  });

  it('delivers a plaintext message as sent', async () => {
    const [alice, bob] = [await party(), await party()];
    await alice.client.sendMessage({
      recipient: bob.key,
      messageBox: 'chat',
      body: 'plain words',
      skipEncryption: true,
    });
    const raw = await rawList(bob, 'chat');
    expect(JSON.parse(raw.messages[0].body)).toEqual({ message: 'plain words' });
    const [listed] = await bob.client.listMessages({ messageBox: 'chat' });
    expect(listed.body).toBe('plain words');
  });

  it('treats a resend with the same messageId as an idempotent success, stored once', async () => {
    const [alice, bob] = [await party(), await party()];
    const first = await alice.client.sendMessage({
      recipient: bob.key,
      messageBox: 'inbox',
      body: 'same',
      messageId: 'fixed-id-1',
    });
    const second = await alice.client.sendMessage({
      recipient: bob.key,
      messageBox: 'inbox',
      body: 'same',
      messageId: 'fixed-id-1',
    });
    expect([first.status, second.status]).toEqual(['success', 'success']);
    const listed = await bob.client.listMessages({ messageBox: 'inbox' });
    expect(listed.map((m) => m.messageId)).toEqual(['fixed-id-1']);
  });

  it('sends one batch to several recipients, each listing its own copy', async () => {
    const alice = await party();
    const recipients = [await party(), await party(), await party()];
    const result = await alice.client.sendMesagetoRecepients(
      { recipients: recipients.map((r) => r.key), messageBox: 'inbox', body: 'to all of you' },
      t.url,
    );
    expect(result.status).toBe('success');
    expect(result.sent.map((s) => s.recipient)).toEqual(recipients.map((r) => r.key));
    for (const r of recipients) {
      const listed = await r.client.listMessages({ messageBox: 'inbox' });
      expect(listed.map((m) => [m.sender, m.body])).toEqual([[alice.key, 'to all of you']]);
    }
  });

  it('sets, reads and lists permissions with exact values', async () => {
    const [bob, alice] = [await party(), await party()];
    await bob.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 25 });
    await bob.client.setMessageBoxPermission({
      messageBox: 'notifications',
      recipientFee: 0,
      sender: alice.key,
    });
    await bob.client.setMessageBoxPermission({
      messageBox: 'payment_requests',
      recipientFee: -1,
      sender: alice.key,
    });
    await bob.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 30 });

    const boxWide = await bob.client.getMessageBoxPermission(
      { recipient: bob.key, messageBox: 'notifications' },
      t.url,
    );
    expect(boxWide).toMatchObject({
      sender: null,
      messageBox: 'notifications',
      recipientFee: 30,
      status: 'payment_required',
    });
    const specific = await bob.client.getMessageBoxPermission(
      { recipient: bob.key, messageBox: 'notifications', sender: alice.key },
      t.url,
    );
    expect(specific).toMatchObject({ sender: alice.key, recipientFee: 0, status: 'always_allow' });
    expect(
      await bob.client.getMessageBoxPermission({ recipient: bob.key, messageBox: 'inbox' }, t.url),
    ).toBeNull();

    const all = await bob.client.listMessageBoxPermissions();
    expect(all.map((p) => [p.messageBox, p.sender, p.recipientFee, p.status])).toEqual([
      ['notifications', null, 30, 'payment_required'],
      ['notifications', alice.key, 0, 'always_allow'],
      ['payment_requests', alice.key, -1, 'blocked'],
    ]);
    const filtered = await bob.client.listMessageBoxPermissions({ messageBox: 'payment_requests' });
    expect(filtered.map((p) => p.recipientFee)).toEqual([-1]);
    const paged = await bob.client.listMessageBoxPermissions({ limit: 1, offset: 1 });
    expect(paged.map((p) => p.sender)).toEqual([alice.key]);
  });

  it('quotes one and several recipients with the server and recipient fees', async () => {
    const [alice, bob, carol, dave] = [await party(), await party(), await party(), await party()];
    await carol.client.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 50 });
    await dave.client.setMessageBoxPermission({
      messageBox: 'notifications',
      recipientFee: -1,
      sender: alice.key,
    });

    const single = await alice.client.getMessageBoxQuote(
      { recipient: bob.key, messageBox: 'notifications' },
      t.url,
    );
    expect(single).toMatchObject({ deliveryFee: 10, recipientFee: 10 });
    expect((single as { deliveryAgentIdentityKey?: string }).deliveryAgentIdentityKey).toBe(
      t.app.get(CryptoProvider).identityKey,
    );
    const free = await alice.client.getMessageBoxQuote(
      { recipient: bob.key, messageBox: 'inbox' },
      t.url,
    );
    expect(free).toMatchObject({ deliveryFee: 0, recipientFee: 0 });

    const multi = await alice.client.getMessageBoxQuote(
      { recipient: [bob.key, carol.key, dave.key], messageBox: 'notifications' },
      t.url,
    );
    expect('quotesByRecipient' in multi && multi.quotesByRecipient).toEqual([
      {
        recipient: bob.key,
        messageBox: 'notifications',
        deliveryFee: 10,
        recipientFee: 10,
        status: 'payment_required',
      },
      {
        recipient: carol.key,
        messageBox: 'notifications',
        deliveryFee: 10,
        recipientFee: 50,
        status: 'payment_required',
      },
      {
        recipient: dave.key,
        messageBox: 'notifications',
        deliveryFee: 10,
        recipientFee: -1,
        status: 'blocked',
      },
    ]);
    expect('blockedRecipients' in multi && multi.blockedRecipients).toEqual([dave.key]);
    // Quoting wrote nothing into the recipients' tables.
    expect(await bob.client.listMessageBoxPermissions()).toEqual([]);
  });

  it('refuses a blocked sender with 403 and stores nothing', async () => {
    const [alice, bob] = [await party(), await party()];
    await bob.client.setMessageBoxPermission({
      messageBox: 'inbox',
      recipientFee: -1,
      sender: alice.key,
    });
    await expect(
      alice.client.sendMessage({ recipient: bob.key, messageBox: 'inbox', body: 'let me in' }),
    ).rejects.toThrow(/403/);
    expect(await bob.client.listMessages({ messageBox: 'inbox' })).toEqual([]);
  });

  it('registers devices and lists them masked, newest first', async () => {
    const alice = await party();
    const first = await alice.client.registerDevice({
      fcmToken: 'token-aaaaaaaaaaaaaaaaaaaa-1',
      deviceId: 'phone',
      platform: 'ios',
    });
    expect(first).toMatchObject({ status: 'success', deviceId: expect.any(Number) });
    await alice.client.registerDevice({
      fcmToken: 'token-bbbbbbbbbbbbbbbbbbbb-2',
      platform: 'android',
    });
    const again = await alice.client.registerDevice({
      fcmToken: 'token-aaaaaaaaaaaaaaaaaaaa-1',
      deviceId: 'phone 2',
      platform: 'ios',
    });
    expect(again.deviceId).toBe(first.deviceId);
    const devices = await alice.client.listRegisteredDevices();
    expect(devices.map((d) => [d.fcmToken, d.deviceId, d.platform, d.active])).toEqual([
      ['...aaaaaaaa-1', 'phone 2', 'ios', true],
      ['...bbbbbbbb-2', null, 'android', true],
    ]);
  });
});
