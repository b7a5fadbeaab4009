import { MessageBoxClient, PeerMessage } from '@bsv/message-box-client';
import { WalletInterface } from '@bsv/sdk';
import { newWallet } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { collectEvents, nextEvent } from '../helpers/socket-events';
import { Inbox } from '../helpers/socket-inbox';
import { testEnvironment } from '../helpers/test-environment';

interface Party {
  key: string;
  client: MessageBoxClient;
}

/** The socket the official client opened (it exposes it for tests). */
function socketOf(p: Party) {
  const socket = p.client.testSocket;
  if (!socket) throw new Error('no socket yet');
  return socket;
}

describe('live delivery to the official MessageBoxClient (docs/protocol/realtime.md#conformance-tests)', () => {
  let t: TestApp;
  const clients: MessageBoxClient[] = [];

  beforeAll(async () => {
    t = await createTestApp(testEnvironment());
  });
  afterAll(async () => {
    for (const c of clients) await c.disconnectWebSocket();
    await t.close();
  });

  async function party(wallet: WalletInterface = newWallet()): Promise<Party> {
    const client = newMessageBoxClient(t.url, wallet);
    clients.push(client);
    return { key: await client.getIdentityKey(), client };
  }

  async function listen(p: Party, messageBox: string): Promise<Inbox<PeerMessage>> {
    const inbox = new Inbox<PeerMessage>();
    await p.client.listenForLiveMessages({ messageBox, onMessage: inbox.push });
    return inbox;
  }

  it('acks a sendLiveMessage over the socket once stored, and the recipient gets it decrypted', async () => {
    const [alice, bob] = [await party(), await party()];
    const inbox = await listen(bob, 'inbox');

    const ack = await alice.client.sendLiveMessage(
      { recipient: bob.key, messageBox: 'inbox', body: 'hello live' },
      t.url,
    );
    // Exactly the socket ack: the HTTP fallback would add `message` and `results` (so this also
    // proves the socket path was taken, without timing the call).
    expect(ack).toEqual({ status: 'success', messageId: expect.stringMatching(/^[0-9a-f]{64}$/) });

    expect(await inbox.next()).toMatchObject({
      sender: alice.key,
      messageId: ack.messageId,
      body: 'hello live',
    });
    const listed = await bob.client.listMessages({ messageBox: 'inbox', host: t.url });
    expect(listed.map((m) => [m.messageId, m.sender, m.body])).toEqual([
      [ack.messageId, alice.key, 'hello live'],
    ]);
  });

  it('pushes a message sent over HTTP /sendMessage live, body as the sender sent it', async () => {
    const [alice, bob] = [await party(), await party()];
    const inbox = await listen(bob, 'inbox');

    const encrypted = await alice.client.sendMessage(
      { recipient: bob.key, messageBox: 'inbox', body: { text: 'via http' } },
      t.url,
    );
    await alice.client.sendMessage(
      { recipient: bob.key, messageBox: 'inbox', body: 'in clear', skipEncryption: true },
      t.url,
    );

    const first = await inbox.next();
    expect(first).toMatchObject({
      sender: alice.key,
      messageId: encrypted.messageId,
      body: '{"text":"via http"}',
    });
    expect(typeof first.created_at).toBe('string');
    expect((await inbox.next()).body).toBe('in clear');
  });

  it('stops delivering a box after leaveRoom, and keeps delivering the others', async () => {
    const [alice, bob] = [await party(), await party()];
    const inbox = await listen(bob, 'inbox');
    const other = await listen(bob, 'other');
    const left = nextEvent<{ roomId: string }>(socketOf(bob), 'leftRoom');
    await bob.client.leaveRoom('inbox');
    expect(await left).toEqual({ roomId: `${bob.key}-inbox` });

    await alice.client.sendMessage({ recipient: bob.key, messageBox: 'inbox', body: 'x' }, t.url);
    await alice.client.sendMessage({ recipient: bob.key, messageBox: 'other', body: 'y' }, t.url);

    // Deliveries to one socket keep their order: once 'other' is in, 'inbox' would have been too.
    expect((await other.next()).body).toBe('y');
    expect(inbox.items).toEqual([]);
    // Still stored for /listMessages.
    const listed = await bob.client.listMessages({ messageBox: 'inbox', host: t.url });
    expect(listed.map((m) => m.body)).toEqual(['x']);
  });

  it('refuses a blocked sender live with an error ack, falls back to HTTP (403) and stores nothing', async () => {
    const [alice, bob] = [await party(), await party()];
    const inbox = await listen(bob, 'inbox');
    const other = await listen(bob, 'other');
    await bob.client.setMessageBoxPermission(
      { messageBox: 'inbox', sender: alice.key, recipientFee: -1 },
      t.url,
    );
    await alice.client.initializeConnection();
    const acks = collectEvents<Record<string, unknown>>(
      socketOf(alice),
      `sendMessageAck-${bob.key}-inbox`,
    );

    // The client logs the HTTP 403 of its fallback even with logging off.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    await expect(
      alice.client.sendLiveMessage(
        { recipient: bob.key, messageBox: 'inbox', body: 'let me in' },
        t.url,
      ),
    ).rejects.toThrow(/403/);
    quiet.mockRestore();
    // The error ack makes the client fall back at once, not after its 10 s wait.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(acks).toEqual([
      {
        status: 'error',
        code: 'ERR_DELIVERY_BLOCKED',
        description: `Blocked recipients: ${bob.key}`,
        blockedRecipients: [bob.key],
      },
    ]);

    await alice.client.sendLiveMessage(
      { recipient: bob.key, messageBox: 'other', body: 'ok' },
      t.url,
    );
    expect((await other.next()).body).toBe('ok');
    expect(inbox.items).toEqual([]);
    expect(await bob.client.listMessages({ messageBox: 'inbox', host: t.url })).toEqual([]);
  });

  it('keeps delivering after the recipient reconnects (the client never re-joins its rooms)', async () => {
    const [alice, bob] = [await party(), await party()];
    await listen(bob, 'inbox');
    await bob.client.disconnectWebSocket();
    const inbox = await listen(bob, 'inbox');

    await alice.client.sendLiveMessage(
      { recipient: bob.key, messageBox: 'inbox', body: 'again' },
      t.url,
    );
    expect((await inbox.next()).body).toBe('again');
  });

  it('sends nothing to a third identity, even one listening for the event name', async () => {
    const [alice, bob, eve] = [await party(), await party(), await party()];
    const bobInbox = await listen(bob, 'inbox');
    const eveInbox = await listen(eve, 'inbox');
    const snooped = collectEvents(socketOf(eve), `sendMessage-${bob.key}-inbox`);

    await alice.client.sendLiveMessage(
      { recipient: bob.key, messageBox: 'inbox', body: 'for bob' },
      t.url,
    );
    expect((await bobInbox.next()).body).toBe('for bob');
    await alice.client.sendLiveMessage(
      { recipient: eve.key, messageBox: 'inbox', body: 'for eve' },
      t.url,
    );
    expect((await eveInbox.next()).body).toBe('for eve');

    expect(snooped).toEqual([]);
    expect(bobInbox.items.map((m) => m.body)).toEqual(['for bob']);
    expect(eveInbox.items.map((m) => m.body)).toEqual(['for eve']);
  });

  it('delivers to every socket of the recipient, each message signed for its own session', async () => {
    const wallet = newWallet();
    const [alice, bobOnPhone, bobOnLaptop] = [
      await party(),
      await party(wallet),
      await party(wallet),
    ];
    const phone = await listen(bobOnPhone, 'inbox');
    const laptop = await listen(bobOnLaptop, 'inbox');

    await alice.client.sendMessage(
      { recipient: bobOnPhone.key, messageBox: 'inbox', body: 'both' },
      t.url,
    );
    // An unverifiable message would have crashed this process (docs/protocol/realtime.md#never-send-what-the-client-cannot-verify).
    expect([(await phone.next()).body, (await laptop.next()).body]).toEqual(['both', 'both']);
  });
});
