import { AuthFetch, PrivateKey, WalletInterface } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { SessionStore } from '../../src/auth/sessions/session-store';
import { identityOf, newWallet } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { AuthSocket, newAuthSocket } from '../helpers/socket-auth-client';
import { collectEvents, nextEvent } from '../helpers/socket-events';
import { RawSocketPeer } from '../helpers/socket-raw-peer';
import { testEnvironment } from '../helpers/test-environment';

const MAX_BODY_BYTES = 65536;
const b64 = (n: number) => randomBytes(n).toString('base64');
const someKey = () => PrivateKey.fromRandom().toPublicKey().toString();

/** A general message that never went through a handshake, with fields a test may break. */
function generalMessage(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0.1',
    messageType: 'general',
    identityKey: someKey(),
    nonce: b64(32),
    yourNonce: b64(48),
    payload: [123, 125],
    signature: [48, 1, 0],
    ...fields,
  };
}

interface Identity {
  key: string;
  socket: AuthSocket;
}

describe('Socket.IO BRC-103 security (docs/protocol/realtime.md#rules)', () => {
  let t: TestApp;
  const open: Array<() => void> = [];

  beforeAll(async () => {
    t = await createTestApp(
      testEnvironment({
        MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        SOCKET_MAX_FRAME_BYTES: String(4 * MAX_BODY_BYTES + 64 * 1024),
      }),
    );
  });
  afterAll(async () => {
    for (const close of open) close();
    await t.close();
  });

  async function rawPeer(key?: PrivateKey): Promise<RawSocketPeer> {
    const peer = new RawSocketPeer(t.url, { key });
    open.push(() => peer.close());
    return peer.connect();
  }

  /** A raw peer that completed a handshake and one verified event: an authenticated socket. */
  async function authenticatedPeer(key?: PrivateKey): Promise<RawSocketPeer> {
    const peer = await rawPeer(key);
    await peer.handshake();
    await peer.send('authenticated', { identityKey: peer.identityKey });
    await peer.next('authenticationSuccess');
    return peer;
  }

  /** The official AuthSocketClient on a wallet of its own. */
  async function identity(wallet: WalletInterface = newWallet()): Promise<Identity> {
    const socket = newAuthSocket(t.url, wallet);
    open.push(() => socket.disconnect());
    return { key: await identityOf(wallet), socket };
  }

  async function authenticated(wallet?: WalletInterface): Promise<Identity> {
    const who = await identity(wallet);
    const ok = nextEvent(who.socket, 'authenticationSuccess');
    who.socket.emit('authenticated', { identityKey: who.key });
    expect(await ok).toEqual({ status: 'success' });
    return who;
  }

  async function listed(key: PrivateKey, messageBox: string): Promise<unknown[]> {
    const res = await new AuthFetch(newWallet(key)).fetch(`${t.url}/listMessages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageBox }),
    });
    return ((await res.json()) as { messages: unknown[] }).messages;
  }

  /** The process is up and still serves a new authenticated socket. */
  async function expectServerStillServes(): Promise<void> {
    const peer = await authenticatedPeer();
    await peer.send('joinRoom', `${peer.identityKey}-inbox`);
    expect((await peer.next('joinedRoom')).data).toEqual({ roomId: `${peer.identityKey}-inbox` });
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  }

  it('ignores application events sent as plain Socket.IO events, outside authMessage', async () => {
    const bobKey = PrivateKey.fromRandom();
    const bob = bobKey.toPublicKey().toString();
    const peer = await rawPeer();
    peer.socket.emit('authenticated', { identityKey: bob });
    peer.socket.emit('joinRoom', `${bob}-inbox`);
    peer.socket.emit('sendMessage', {
      roomId: `${bob}-inbox`,
      message: { recipient: bob, messageId: 'plain-event', body: 'sneaky' },
    });
    // Packets are handled in order: once the handshake is answered, the events above are gone.
    await peer.handshake();
    expect(peer.received).toEqual([]);
    expect(await listed(bobKey, 'inbox')).toEqual([]);
  });

  it('sends nothing to a socket that has only handshaken, not even its own messages', async () => {
    const bobKey = PrivateKey.fromRandom();
    const bob = await rawPeer(bobKey);
    await bob.handshake();
    const alice = await authenticatedPeer();
    await alice.send('sendMessage', {
      roomId: `${bob.identityKey}-inbox`,
      message: { recipient: bob.identityKey, messageId: 'before-auth', body: 'early' },
    });
    expect((await alice.next(`sendMessageAck-${bob.identityKey}-inbox`)).data).toEqual({
      status: 'success',
      messageId: 'before-auth',
    });
    await bob.send('authenticated', { identityKey: bob.identityKey });
    await bob.next('authenticationSuccess');
    expect(bob.received.map((e) => e.eventName)).toEqual(['authenticationSuccess']);
    expect(bob.unverifiable).toEqual([]);
    expect(await listed(bobKey, 'inbox')).toHaveLength(1);
  });

  it('answers a forged `authenticated` with authenticationFailed and grants nothing by it', async () => {
    const [alice, bob] = [await authenticated(), await authenticated()];
    const eve = await identity();
    const failed = nextEvent(eve.socket, 'authenticationFailed');
    eve.socket.emit('authenticated', { identityKey: bob.key });
    expect(await failed).toEqual({ reason: expect.any(String) });

    const joinFailed = nextEvent(eve.socket, 'joinFailed');
    eve.socket.emit('joinRoom', `${bob.key}-inbox`);
    expect(await joinFailed).toEqual({ reason: expect.any(String) });

    const snooped = collectEvents(eve.socket, `sendMessage-${bob.key}-inbox`);
    const forBob = nextEvent(bob.socket, `sendMessage-${bob.key}-inbox`);
    const ack = nextEvent(alice.socket, `sendMessageAck-${bob.key}-inbox`);
    alice.socket.emit('sendMessage', {
      roomId: `${bob.key}-inbox`,
      message: { recipient: bob.key, messageId: 'for-bob', body: 'hi bob' },
    });
    expect(await ack).toEqual({ status: 'success', messageId: 'for-bob' });
    expect(await forBob).toMatchObject({ sender: alice.key, messageId: 'for-bob', body: 'hi bob' });

    // What Eve sends carries her verified key, whatever she claimed.
    const forAlice = nextEvent(alice.socket, `sendMessage-${alice.key}-inbox`);
    eve.socket.emit('sendMessage', {
      roomId: `${alice.key}-inbox`,
      message: { recipient: alice.key, messageId: 'from-eve', body: 'trust me' },
    });
    expect(await forAlice).toMatchObject({ sender: eve.key, messageId: 'from-eve' });

    // Eve's own join is answered after anything sent to her before it.
    const joined = nextEvent(eve.socket, 'joinedRoom');
    eve.socket.emit('joinRoom', `${eve.key}-inbox`);
    expect(await joined).toEqual({ roomId: `${eve.key}-inbox` });
    expect(snooped).toEqual([]);
  });

  it("refuses rooms that are not the caller's own, whatever their spelling", async () => {
    const eve = await authenticatedPeer();
    const bob = someKey();
    for (const room of [
      `${bob}-inbox`,
      `${eve.identityKey}-`,
      `${eve.identityKey}xinbox`,
      'inbox',
      42,
    ]) {
      await eve.send('joinRoom', room);
      await eve.send('leaveRoom', room);
    }
    await eve.send('joinRoom', `${eve.identityKey}-a-box-with-dashes`);
    expect((await eve.next('joinedRoom')).data).toEqual({
      roomId: `${eve.identityKey}-a-box-with-dashes`,
    });
    expect(eve.received.filter((e) => e.eventName === 'joinFailed')).toHaveLength(5);
    expect(eve.received.filter((e) => e.eventName === 'leaveFailed')).toHaveLength(5);
  });

  it("closes the socket of a general message whose identityKey is not its session's (docs/protocol/realtime.md#one-verified-identity-per-socket)", async () => {
    const victimKey = PrivateKey.fromRandom();
    const victim = victimKey.toPublicKey().toString();
    const eve = await rawPeer();
    await eve.handshake();
    await eve.send(
      'sendMessage',
      {
        roomId: `${victim}-inbox`,
        message: { recipient: victim, messageId: 'spoofed', body: 'from "victim"' },
      },
      { identityKey: victim },
    );
    expect(await eve.closedByServer()).toBe('io server disconnect');
    expect(await listed(victimKey, 'inbox')).toEqual([]);
  });

  it('closes the socket of a replayed general message', async () => {
    const peer = await authenticatedPeer();
    const message = await peer.send('joinRoom', `${peer.identityKey}-inbox`);
    await peer.next('joinedRoom');
    peer.sendRaw(message);
    expect(await peer.closedByServer()).toBe('io server disconnect');
  });

  it("refuses a live send whose room is not the recipient's, and one the pipeline rejects", async () => {
    const alice = await authenticatedPeer();
    const bobKey = PrivateKey.fromRandom();
    const bob = bobKey.toPublicKey().toString();
    const carol = someKey();
    await alice.send('sendMessage', {
      roomId: `${bob}-inbox`,
      message: { recipient: carol, messageId: 'wrong-room', body: 'x' },
    });
    expect((await alice.next(`sendMessageAck-${bob}-inbox`)).data).toEqual({
      status: 'error',
      code: 'ERR_INVALID_ROOM',
      description: expect.any(String),
    });
    await alice.send('sendMessage', {
      roomId: `${bob}-other`,
      message: { recipient: bob, messageId: 'empty-body', body: '   ' },
    });
    expect((await alice.next(`sendMessageAck-${bob}-other`)).data).toMatchObject({
      status: 'error',
      code: 'ERR_INVALID_MESSAGE_BODY',
    });
    await alice.send('sendMessage', { roomId: 7 });
    expect((await alice.next('messageFailed')).data).toEqual({ reason: expect.any(String) });
    expect(await listed(bobKey, 'inbox')).toEqual([]);
    expect(await listed(bobKey, 'other')).toEqual([]);
  });

  it.each<[string, unknown[]]>([
    ['no argument', []],
    ['an empty object', [{}]],
    ['a wrong version', [{ version: '9.9' }]],
    ['a string', ['garbage']],
    ['a number', [42]],
    ['null', [null]],
    ['an array', [[1, 2, 3]]],
    ['a certificate request', [{ version: '0.1', messageType: 'certificateRequest' }]],
    ['an initialResponse', [{ version: '0.1', messageType: 'initialResponse' }]],
    [
      'an initialRequest with a bad key',
      [{ version: '0.1', messageType: 'initialRequest', identityKey: 'zz', initialNonce: b64(48) }],
    ],
    [
      'an initialRequest without a nonce',
      [{ version: '0.1', messageType: 'initialRequest', identityKey: someKey() }],
    ],
    ['a general message for no session', [generalMessage({})]],
    ['a string payload', [generalMessage({ payload: 'abc' })]],
    ['an object signature', [generalMessage({ signature: { 0: 48 } })]],
    ['a payload byte of 256', [generalMessage({ payload: [1, 256] })]],
    ['a negative payload byte', [generalMessage({ payload: [1, -1] })]],
    ['a fractional payload byte', [generalMessage({ payload: [1.5] })]],
    ['a nonce that is not base64', [generalMessage({ nonce: '<script>' })]],
    ['a numeric identityKey', [generalMessage({ identityKey: 7 })]],
  ])('closes only the socket that sends %s', async (_, args) => {
    const witness = await authenticatedPeer();
    const peer = await rawPeer();
    peer.sendRaw(...args);
    expect(await peer.closedByServer()).toBe('io server disconnect');
    await witness.send('joinRoom', `${witness.identityKey}-inbox`);
    expect((await witness.next('joinedRoom')).data).toEqual({
      roomId: `${witness.identityKey}-inbox`,
    });
  });

  it.each<[string, (p: RawSocketPeer) => Promise<unknown>]>([
    ['a bad signature', (p) => p.send('joinRoom', 'x', { signature: [48, 6, 2, 1, 1, 2, 1, 1] })],
    ['a signed payload that is not JSON', (p) => p.send('', null, { payload: [0xff, 0xfe, 1] })],
    ['a signed payload without eventName', (p) => p.send('', null, { payload: [123, 125] })],
    [
      'a payload larger than MAX_BODY_BYTES',
      (p) =>
        p.send('sendMessage', null, { payload: new Array<number>(MAX_BODY_BYTES + 1).fill(32) }),
    ],
    [
      'more than 10 handshakes',
      (p) => {
        const request = {
          version: '0.1',
          messageType: 'initialRequest',
          identityKey: p.identityKey,
        };
        for (let i = 0; i < 10; i++) p.sendRaw({ ...request, initialNonce: b64(48) });
        return Promise.resolve();
      },
    ],
  ])('closes a handshaken socket that sends %s', async (_, act) => {
    const peer = await rawPeer();
    await peer.handshake();
    await act(peer);
    expect(await peer.closedByServer()).toBe('io server disconnect');
    expect(peer.unverifiable).toEqual([]);
  });

  it('forgets the BRC-103 sessions of a socket once it is closed', async () => {
    const store = t.app.get(SessionStore);
    const before = await store.size();
    const peer = await rawPeer();
    await peer.handshake();
    await peer.handshake();
    expect(await store.size()).toBe(before + 2);
    peer.sendRaw('bye');
    await peer.closedByServer();
    expect(await store.size()).toBe(before);
  });

  it('drops a socket whose frame exceeds the Socket.IO buffer limit, and stays up', async () => {
    const peer = await rawPeer();
    peer.sendRaw({ version: '0.1', padding: 'x'.repeat(4 * MAX_BODY_BYTES + 128 * 1024) });
    expect(await peer.closedByServer()).toMatch(/close/);
    await expectServerStillServes();
  });

  it('is still up after all of the above', async () => {
    await expectServerStillServes();
  });
});
