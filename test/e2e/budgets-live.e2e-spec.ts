import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { newWallet, settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { whileHealthy } from '../helpers/health-during';
import { RawSocketPeer } from '../helpers/socket-raw-peer';
import { testEnvironment } from '../helpers/test-environment';

const LIVE_MAX = 16 * 1024;

describe('live delivery budget: bodies above LIVE_MAX_BODY_BYTES are listed, not pushed', () => {
  let t: TestApp;
  const open: RawSocketPeer[] = [];

  beforeAll(async () => {
    t = await createTestApp(
      testEnvironment({
        MAX_BODY_BYTES: String(256 * 1024),
        LIVE_MAX_BODY_BYTES: String(LIVE_MAX),
      }),
    );
  });
  afterAll(async () => {
    for (const peer of open) peer.close();
    await t.close();
  });

  async function listening(key: PrivateKey, room: string): Promise<RawSocketPeer> {
    const peer = new RawSocketPeer(t.url, { key });
    open.push(peer);
    await peer.connect();
    await peer.handshake();
    await peer.send('joinRoom', room);
    await peer.next('joinedRoom');
    return peer;
  }

  it('pushes small bodies to every socket, only lists a large one, and stays responsive', async () => {
    const victimKey = PrivateKey.fromRandom();
    const victim = victimKey.toPublicKey().toString();
    const room = `${victim}-inbox`;
    const sockets = await Promise.all([1, 2, 3, 4].map(() => listening(victimKey, room)));
    const sender = new AuthFetch(newWallet());
    const send = (messageId: string, body: string) =>
      settlesWithin(
        sender.fetch(`${t.url}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            message: { recipient: victim, messageBox: 'inbox', messageId, body },
          }),
        }),
      );

    const { result } = await whileHealthy(t.url, async () => {
      const big = await send('big', randomBytes(64 * 1024).toString('hex'));
      const small = await send('small', 'hello');
      return [big.status, small.status];
    });
    expect(result).toEqual([200, 200]);

    // Deliveries keep their order per recipient: once "small" is in, "big" would have been too.
    for (const peer of sockets) {
      const event = await peer.next(`sendMessage-${room}`);
      expect(event.data).toMatchObject({ messageId: 'small', body: 'hello' });
      const ids = peer.received
        .filter((e) => e.eventName === `sendMessage-${room}`)
        .map((e) => (e.data as { messageId: string }).messageId);
      expect(ids).toEqual(['small']);
      // Every frame the server signed verified on the client side.
      expect(peer.unverifiable).toEqual([]);
    }

    // Nothing is lost: the large body is there to list.
    const listed = await new AuthFetch(newWallet(victimKey)).fetch(`${t.url}/listMessages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageBox: 'inbox' }),
    });
    const page = (await listed.json()) as { messages: Array<{ messageId: string }> };
    expect(page.messages.map((m) => m.messageId)).toEqual(['big', 'small']);
  });
});
