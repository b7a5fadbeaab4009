import { PeerMessage } from '@bsv/message-box-client';
import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { SessionStore } from '../../src/auth/sessions/session-store';
import { newWallet, settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { whileHealthy } from '../helpers/health-during';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { ProbeModule } from '../helpers/probe.module';
import { RawAuthClient } from '../helpers/raw-auth-client';
import { Inbox } from '../helpers/socket-inbox';
import { RawSocketPeer, RawSocketPeerOptions } from '../helpers/socket-raw-peer';
import { testEnvironment } from '../helpers/test-environment';

/** Each budget on an app of its own, so that one test's traffic never counts against another. */
describe('socket and session budgets', () => {
  const apps: TestApp[] = [];
  const peers: RawSocketPeer[] = [];

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.close();
    for (const app of apps.splice(0)) await app.close();
  });

  async function app(env: Record<string, string>): Promise<TestApp> {
    const t = await createTestApp(testEnvironment(env), [ProbeModule]);
    apps.push(t);
    return t;
  }

  function peer(t: TestApp, options: RawSocketPeerOptions = {}): RawSocketPeer {
    const p = new RawSocketPeer(t.url, options);
    peers.push(p);
    return p;
  }

  async function authenticated(t: TestApp, options: RawSocketPeerOptions = {}) {
    const p = await peer(t, options).connect();
    await p.handshake();
    await p.send('authenticated', { identityKey: p.identityKey });
    await p.next('authenticationSuccess');
    return p;
  }

  const list = (t: TestApp, key: PrivateKey) =>
    new AuthFetch(newWallet(key)).fetch(`${t.url}/listMessages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageBox: 'inbox', limit: 1000 }),
    });

  it('counts socket sendMessage events against the per-identity request limit', async () => {
    const t = await app({
      RATE_LIMIT_REQUESTS_PER_IDENTITY: '5',
      RATE_LIMIT_WINDOW_SECONDS: '300',
    });
    const sender = await authenticated(t);
    const recipientKey = PrivateKey.fromRandom();
    const recipient = recipientKey.toPublicKey().toString();
    const room = `${recipient}-inbox`;
    const { result: acks } = await whileHealthy(t.url, async () => {
      const got: unknown[] = [];
      for (let i = 0; i < 8; i++) {
        await sender.send('sendMessage', {
          roomId: room,
          message: { recipient, messageId: `m${i}`, body: `hello ${i}` },
        });
        got.push((await sender.next(`sendMessageAck-${room}`)).data);
      }
      return got;
    });
    // "authenticated" was the first of the 5; 4 sends fit, the rest are refused in the ack.
    expect(acks.filter((a) => (a as { status: string }).status === 'success')).toHaveLength(4);
    expect(acks[7]).toMatchObject({ status: 'error', code: 'ERR_TOO_MANY_REQUESTS' });
    const stored = (await (await list(t, recipientKey)).json()) as { messages: unknown[] };
    expect(stored.messages).toHaveLength(4);
    expect(sender.unverifiable).toEqual([]);
  });

  it('counts socket handshakes against the per-IP handshake limit', async () => {
    const t = await app({ RATE_LIMIT_HANDSHAKES_PER_IP: '3', RATE_LIMIT_WINDOW_SECONDS: '300' });
    const p = await peer(t).connect();
    await p.handshake();
    await p.handshake();
    await p.handshake();
    p.sendRaw({
      version: '0.1',
      messageType: 'initialRequest',
      identityKey: p.identityKey,
      initialNonce: randomBytes(32).toString('base64'),
      requestedCertificates: { certifiers: [], types: {} },
    });
    expect(await p.closedByServer()).toBe('io server disconnect');
    // The same address is now over its limit over HTTP too.
    const res = await fetch(`${t.url}/.well-known/auth`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(429);
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it('evicts sessions within the flooding address only, never another client’s', async () => {
    const t = await app({
      TRUST_PROXY_HOPS: '1',
      AUTH_MAX_SESSIONS: '8',
      AUTH_MAX_SESSIONS_PER_IP: '3',
    });
    const victim = new RawAuthClient();
    await victim.handshake(t.url);
    const { result } = await whileHealthy(t.url, async () => {
      const flood = await peer(t, { headers: { 'x-forwarded-for': '10.9.8.7' } }).connect();
      for (let i = 0; i < 10; i++) await flood.handshake();
      return t.app.get(SessionStore).size();
    });
    // Before: the global LRU dropped the victim's idle session once 8 were reached.
    expect(result).toBeLessThanOrEqual(4);
    const { response } = await victim.request(t.url, {
      target: '/probe/echo',
      body: '{"still":1}',
    });
    expect(response.status).toBe(200);
  });

  it('limits rooms per socket', async () => {
    const t = await app({ SOCKET_MAX_ROOMS: '2' });
    const p = await authenticated(t);
    for (const box of ['a', 'b']) {
      await p.send('joinRoom', `${p.identityKey}-${box}`);
      await p.next('joinedRoom');
    }
    // Joining a room it is already in costs nothing.
    await p.send('joinRoom', `${p.identityKey}-a`);
    await p.next('joinedRoom');
    await p.send('joinRoom', `${p.identityKey}-c`);
    expect((await p.next('joinFailed')).data).toEqual({
      reason: 'At most 2 rooms per connection.',
    });
  });

  it('limits sockets per identity: the extra one is closed, the others keep working', async () => {
    const t = await app({ SOCKET_MAX_PER_IDENTITY: '2' });
    const key = PrivateKey.fromRandom();
    const first = await authenticated(t, { key });
    await authenticated(t, { key });
    const third = await peer(t, { key }).connect();
    await third.handshake();
    await third.send('authenticated', { identityKey: third.identityKey });
    expect(await third.closedByServer()).toBe('io server disconnect');
    await first.send('authenticated', { identityKey: first.identityKey });
    await first.next('authenticationSuccess');
  });

  it('limits sockets per IP, authenticated or not', async () => {
    const t = await app({ SOCKET_MAX_PER_IP: '2', TRUST_PROXY_HOPS: '1' });
    const headers = { 'x-forwarded-for': '10.1.2.3' };
    await peer(t, { headers }).connect();
    await peer(t, { headers }).connect();
    const extra = await peer(t, { headers }).connect();
    expect(await extra.closedByServer()).toBe('io server disconnect');
    // Another address is not affected.
    const other = await authenticated(t, { headers: { 'x-forwarded-for': '10.1.2.4' } });
    expect(other.unverifiable).toEqual([]);
  });

  it('closes a socket that does not authenticate in time', async () => {
    const t = await app({ SOCKET_AUTH_TIMEOUT_SECONDS: '1' });
    const idle = await peer(t).connect();
    expect(await idle.closedByServer(5000)).toBe('io server disconnect');
  });

  it('closes a verified socket in no room after SOCKET_IDLE_TIMEOUT_SECONDS; a listener in a room stays', async () => {
    const t = await app({ SOCKET_IDLE_TIMEOUT_SECONDS: '1' });
    const listener = await authenticated(t);
    const room = `${listener.identityKey}-inbox`;
    await listener.send('joinRoom', room);
    await listener.next('joinedRoom');
    const idle = await authenticated(t);
    expect(await idle.closedByServer(10000)).toBe('io server disconnect');
    // A second idle socket, opened after the first was closed: once it is gone too, the
    // listener has outlived the timeout at least once, and still receives live messages.
    const later = await authenticated(t);
    expect(await later.closedByServer(10000)).toBe('io server disconnect');
    const res = await new AuthFetch(newWallet()).fetch(`${t.url}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: {
          recipient: listener.identityKey,
          messageBox: 'inbox',
          messageId: 'm1',
          body: 'hi',
        },
      }),
    });
    expect(res.status).toBe(200);
    expect((await listener.next(`sendMessage-${room}`)).data).toMatchObject({
      messageId: 'm1',
      body: 'hi',
    });
    // Leaving its last room makes it idle again: the clock restarts and the socket is closed.
    await listener.send('leaveRoom', room);
    await listener.next('leftRoom');
    expect(await listener.closedByServer(10000)).toBe('io server disconnect');
    expect(listener.unverifiable).toEqual([]);
  });

  it('keeps the official client listening past SOCKET_IDLE_TIMEOUT_SECONDS', async () => {
    const t = await app({ SOCKET_IDLE_TIMEOUT_SECONDS: '1' });
    const [bob, alice] = [newMessageBoxClient(t.url), newMessageBoxClient(t.url)];
    try {
      const inbox = new Inbox<PeerMessage>();
      await bob.listenForLiveMessages({ messageBox: 'inbox', onMessage: inbox.push });
      // An idle socket opened after bob's has been closed: bob's is older than the timeout.
      const idle = await authenticated(t);
      expect(await idle.closedByServer(10000)).toBe('io server disconnect');
      await alice.sendMessage({
        recipient: await bob.getIdentityKey(),
        messageBox: 'inbox',
        body: 'still listening',
      });
      expect((await inbox.next(10000)).body).toBe('still listening');
    } finally {
      await bob.disconnectWebSocket();
      await alice.disconnectWebSocket();
    }
  });

  it('restarts the idle clock at every verified event', async () => {
    const t = await app({ SOCKET_IDLE_TIMEOUT_SECONDS: '1' });
    // `busy` first: without the reset, its deadline would come before the reference's.
    const busy = await authenticated(t);
    const reference = await authenticated(t);
    const referenceClosed = reference.closedByServer(10000);
    let closed = false;
    void referenceClosed.then(() => (closed = true));
    // Events in a row on `busy` until the silent reference socket, opened after it, is closed.
    let events = 0;
    while (!closed) {
      await busy.send('authenticated', { identityKey: busy.identityKey });
      await busy.next('authenticationSuccess');
      events++;
    }
    expect(await referenceClosed).toBe('io server disconnect');
    expect(events).toBeGreaterThan(0);
    // `busy` has been open longer than the timeout, yet is still served.
    await busy.send('authenticated', { identityKey: busy.identityKey });
    expect((await busy.next('authenticationSuccess')).data).toEqual({ status: 'success' });
    // Silent from now on, it goes the same way.
    expect(await busy.closedByServer(10000)).toBe('io server disconnect');
  });

  it('refuses a Socket.IO frame above SOCKET_MAX_FRAME_BYTES (default 4 MiB) and keeps serving', async () => {
    const t = await app({});
    const p = await peer(t).connect();
    const { result } = await whileHealthy(t.url, async () => {
      p.sendRaw({ version: '0.1', padding: 'x'.repeat(5 * 1024 * 1024) });
      return p.closedByServer(10000);
    });
    expect(result).toMatch(/close/);
  });

  it('counts authenticated requests per IP, whatever identities they use', async () => {
    const t = await app({ RATE_LIMIT_REQUESTS_PER_IP: '4', RATE_LIMIT_WINDOW_SECONDS: '300' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // A fresh identity each time: the per-identity limit alone never sees more than one.
      const res = await settlesWithin(
        new AuthFetch(newWallet()).fetch(`${t.url}/devices`, { method: 'GET' }),
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expect(await res.json()).toMatchObject({
          code: 'ERR_TOO_MANY_REQUESTS',
          description: expect.stringMatching(/from one address/) as string,
        });
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
