import { MessageBoxClient, PeerMessage } from '@bsv/message-box-client';
import { WalletInterface } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { newWallet } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { createThrowawayDatabase, mariadbMissing, ThrowawayDatabase } from '../helpers/mariadb';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { Inbox } from '../helpers/socket-inbox';
import { redisMissing, TEST_REDIS_URL } from '../helpers/redis';
import { testEnvironment } from '../helpers/test-environment';

const REDIS_URL = TEST_REDIS_URL;

const missing = redisMissing() ?? mariadbMissing();
const describeWithServices = missing
  ? (name: string, fn: () => void) => describe.skip(`${name} [skipped: ${missing}]`, fn)
  : describe;

describeWithServices(
  'live delivery across two instances sharing Redis and MariaDB (docs/protocol/realtime.md#several-instances)',
  () => {
    let one!: TestApp;
    let two!: TestApp;
    let db: ThrowawayDatabase | undefined;
    const clients: MessageBoxClient[] = [];

    beforeAll(async () => {
      db = await createThrowawayDatabase();
      const env = {
        SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
        REDIS_URL,
        DB_DRIVER: 'mysql',
        DB_SOURCE: db.url,
      };
      // One after the other: both would run the migrations on the same database.
      one = await createTestApp(testEnvironment(env));
      two = await createTestApp(testEnvironment(env));
    });
    afterAll(async () => {
      for (const c of clients) await c.disconnectWebSocket();
      await one?.close();
      await two?.close();
      await db?.drop();
    });

    function client(app: TestApp, wallet: WalletInterface = newWallet()): MessageBoxClient {
      const c = newMessageBoxClient(app.url, wallet);
      clients.push(c);
      return c;
    }

    async function listen(c: MessageBoxClient, messageBox: string): Promise<Inbox<PeerMessage>> {
      const inbox = new Inbox<PeerMessage>();
      await c.listenForLiveMessages({ messageBox, onMessage: inbox.push });
      return inbox;
    }

    it('pushes a message sent over HTTP to instance 2 to the recipient connected to instance 1', async () => {
      const bob = client(one);
      const alice = client(two);
      const inbox = await listen(bob, 'inbox');

      const sent = await alice.sendMessage(
        { recipient: await bob.getIdentityKey(), messageBox: 'inbox', body: 'across instances' },
        two.url,
      );
      expect(await inbox.next()).toMatchObject({
        sender: await alice.getIdentityKey(),
        messageId: sent.messageId,
        body: 'across instances',
      });
    });

    it("acks a live send on instance 2 and delivers it once to each of the recipient's sockets on both", async () => {
      const bobWallet = newWallet();
      const [aliceOnTwo, aliceOnOne] = [client(two), client(one)];
      const onOne = await listen(client(one, bobWallet), 'inbox');
      const onTwo = await listen(client(two, bobWallet), 'inbox');
      const bob = await clients[clients.length - 1].getIdentityKey();

      for (const body of ['first', 'second']) {
        const ack = await aliceOnTwo.sendLiveMessage(
          { recipient: bob, messageBox: 'inbox', body },
          two.url,
        );
        expect(ack).toEqual({ status: 'success', messageId: expect.any(String) });
      }
      // Sent through instance 1 after the others: it reaches each socket after any stray copy of
      // them (Redis delivers in order), so the lists below are complete.
      await aliceOnOne.sendLiveMessage(
        { recipient: bob, messageBox: 'inbox', body: 'last' },
        one.url,
      );
      for (const inbox of [onOne, onTwo]) {
        const bodies: unknown[] = [];
        for (let i = 0; i < 3; i++) bodies.push((await inbox.next()).body);
        expect(bodies).toEqual(['first', 'second', 'last']);
        expect(inbox.items).toHaveLength(3);
      }
    });
  },
);
