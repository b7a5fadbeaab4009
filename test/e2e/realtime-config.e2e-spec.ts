import { PeerMessage } from '@bsv/message-box-client';
import { io } from 'socket.io-client';
import { settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { Inbox } from '../helpers/socket-inbox';
import { RawSocketPeer } from '../helpers/socket-raw-peer';
import { testEnvironment } from '../helpers/test-environment';

describe('Socket.IO settings', () => {
  it('serves no Socket.IO at all with ENABLE_WEBSOCKETS=false', async () => {
    const t = await createTestApp(testEnvironment({ ENABLE_WEBSOCKETS: 'false' }));
    try {
      const socket = io(t.url, { reconnection: false, forceNew: true, transports: ['polling'] });
      const failure = await settlesWithin(
        new Promise<Error>((resolve) => socket.once('connect_error', resolve)),
      );
      socket.close();
      expect(failure).toBeInstanceOf(Error);
      expect((await fetch(`${t.url}/health`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  describe('with ROUTING_PREFIX=/api', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp(testEnvironment({ ROUTING_PREFIX: '/api' }));
    });
    afterAll(() => t.close());

    it('keeps the engine at /socket.io/ on the root and serves the prefix namespace too', async () => {
      for (const url of [t.url, `${t.url}/api`]) {
        const peer = new RawSocketPeer(url);
        try {
          await peer.connect();
          await peer.handshake();
          await peer.send('authenticated', { identityKey: peer.identityKey });
          expect((await peer.next('authenticationSuccess')).data).toEqual({ status: 'success' });
        } finally {
          peer.close();
        }
      }
    });

    it('lets the official client configured with the prefixed host listen live', async () => {
      const alice = newMessageBoxClient(`${t.url}/api`);
      const bob = newMessageBoxClient(`${t.url}/api`);
      try {
        const inbox = new Inbox<PeerMessage>();
        await bob.listenForLiveMessages({ messageBox: 'inbox', onMessage: inbox.push });
        const sent = await alice.sendLiveMessage(
          { recipient: await bob.getIdentityKey(), messageBox: 'inbox', body: 'prefixed' },
          `${t.url}/api`,
        );
        expect(sent).toEqual({ status: 'success', messageId: expect.any(String) });
        expect(await inbox.next()).toMatchObject({
          sender: await alice.getIdentityKey(),
          body: 'prefixed',
        });
      } finally {
        await alice.disconnectWebSocket();
        await bob.disconnectWebSocket();
      }
    });
  });
});
