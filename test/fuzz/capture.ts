import { PrivateKey, Utils } from '@bsv/sdk';
import type { Server } from 'socket.io';
import { Brc104Middleware } from '../../src/auth/brc104/brc104.middleware';
import { HttpRequest } from '../../src/common/http/http-request';
import { LiveDeliveryService } from '../../src/realtime/live-delivery.service';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { TestWallet } from '../helpers/test-wallet';
import { saveSeed } from './corpus';
import { startFuzzTarget } from './fuzz-target';

/**
 * `npm run fuzz:capture`: runs the official clients (@bsv/message-box-client over AuthFetch and
 * @bsv/authsocket-client) through every route and socket event against the real app, and keeps
 * what they send as the fuzzer's seed corpus (test/fuzz/corpus/seeds). Handshake bodies and
 * signed requests as the BRC-104 layer receives them, socket authMessages at the server.
 */
async function main(): Promise<void> {
  const target = await startFuzzTarget();
  const counts = new Map<string, number>();
  const keep = (kind: string, value: unknown) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    saveSeed(kind, String(n).padStart(3, '0'), value);
  };

  // The BRC-104 layer sees every request with its raw body before anything parses it.
  const layer: {
    dispatch: (req: HttpRequest, res: unknown, next: unknown) => Promise<void>;
  } = target.app.app.get<unknown>(Brc104Middleware) as never;
  const dispatch = layer.dispatch.bind(layer);
  layer.dispatch = (req, res, next) => {
    const body = (req.rawBody ?? Buffer.alloc(0)).toString('utf8');
    if (req.originalUrl === '/.well-known/auth') keep('handshake', JSON.parse(body));
    else {
      keep('signed-request', {
        method: req.method,
        target: req.originalUrl,
        headers: req.headers,
        body,
      });
    }
    return dispatch(req, res, next);
  };

  const delivery: { server: Server } = target.app.app.get<unknown>(LiveDeliveryService) as never;
  const io = delivery.server;
  io.on('connection', (socket) =>
    socket.on('authMessage', (message: Record<string, unknown>) => {
      keep('socket-auth-message', message);
      if (message.messageType === 'general' && Array.isArray(message.payload)) {
        keep('socket-event', JSON.parse(Utils.toUTF8(message.payload as number[])));
      }
    }),
  );

  const party = () => {
    const wallet = new TestWallet(PrivateKey.fromRandom(), target.tracker);
    return newMessageBoxClient(target.url, wallet.asWallet());
  };
  const alice = party();
  const bob = party();
  const bobKey = await bob.getIdentityKey();
  const aliceKey = await alice.getIdentityKey();
  await alice.sendMessage({
    recipient: bobKey,
    messageBox: 'inbox',
    body: 'hello',
    skipEncryption: true,
  });
  await alice.sendMessage({ recipient: bobKey, messageBox: 'inbox', body: { structured: [1, 2] } });
  const listed = await bob.listMessages({ messageBox: 'inbox' });
  await bob.acknowledgeMessage({ messageIds: listed.map((m) => m.messageId) });
  await bob.setMessageBoxPermission({ messageBox: 'inbox', sender: aliceKey, recipientFee: 0 });
  await bob.setMessageBoxPermission({ messageBox: 'notifications', recipientFee: 10 });
  await bob.getMessageBoxPermission({ recipient: bobKey, messageBox: 'inbox', sender: aliceKey });
  await bob.listMessageBoxPermissions({ messageBox: 'inbox', limit: 10, offset: 0 });
  await alice.getMessageBoxQuote({ recipient: bobKey, messageBox: 'notifications' });
  await alice.getMessageBoxQuote({ recipient: [bobKey, aliceKey], messageBox: 'notifications' });
  await alice.sendNotification(bobKey, 'paid ping');
  await bob.registerDevice({
    fcmToken: 'capture-token',
    deviceId: 'capture-device',
    platform: 'ios',
  });
  await bob.listRegisteredDevices();

  const live: unknown[] = [];
  await bob.listenForLiveMessages({ messageBox: 'chat', onMessage: (m) => live.push(m) });
  await alice.sendLiveMessage({ recipient: bobKey, messageBox: 'chat', body: 'live hello' });
  await bob.leaveRoom('chat');
  await alice.disconnectWebSocket();
  await bob.disconnectWebSocket();

  await target.close();
  console.log([...counts].map(([k, n]) => `${k}: ${n}`).join(', '));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
