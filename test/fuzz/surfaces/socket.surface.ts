import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { decodeEvent, encodeEvent, parseAuthMessage } from '../../../src/realtime/authsocket-codec';
import { ProtocolViolation } from '../../../src/realtime/protocol-violation';
import { RawSocketPeer } from '../../helpers/socket-raw-peer';
import { base64Nonce, hostileJson, nastyString } from '../arbitraries';
import { loadSeeds } from '../corpus';
import { assertClientErrorObject } from '../http-reply';
import { fail } from '../property-failure';
import { Surface } from '../surface';

/** The codec alone (in-process), or the live server over a real Socket.IO connection. */
export type SocketInput =
  | { kind: 'codec'; value: unknown; payloadBase64?: string }
  | { kind: 'roundtrip'; eventName: string; data: unknown }
  | { kind: 'raw'; event: string; args: unknown[] }
  | { kind: 'mutated'; fields: Record<string, unknown> }
  | { kind: 'event'; eventName: string; data: unknown };

const MAX_PAYLOAD = 1024 * 1024;
const EVENTS = ['authenticated', 'joinRoom', 'leaveRoom', 'sendMessage', 'unknownEvent'];

let peer: RawSocketPeer | undefined;
let url = '';

async function livePeer(): Promise<RawSocketPeer> {
  if (peer?.socket.connected) return peer;
  peer?.close();
  peer = new RawSocketPeer(url);
  await peer.connect();
  await peer.handshake();
  return peer;
}

/** The next event the server sends, whatever its name (bounded wait on the peer's log). */
async function nextEvent(p: RawSocketPeer, seen: number, ms = 5000, mayClose = false) {
  const deadline = Date.now() + ms;
  while (p.received.length <= seen) {
    if (p.unverifiable.length > 0) fail('the server sent an authMessage the peer cannot verify');
    if (!p.socket.connected) {
      if (mayClose) throw new Error('closed');
      fail('the server closed the socket of an honest peer');
    }
    if (Date.now() > deadline) fail(`no reply within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return p.received[seen];
}

function expectedReplies(eventName: string, data: unknown): string[] | undefined {
  switch (eventName) {
    case 'authenticated':
      return ['authenticationSuccess', 'authenticationFailed'];
    case 'joinRoom':
      return ['joinedRoom', 'joinFailed'];
    case 'leaveRoom':
      return ['leftRoom', 'leaveFailed'];
    case 'sendMessage': {
      const roomId = (data as { roomId?: unknown } | null)?.roomId;
      return typeof roomId === 'string' && roomId.length <= 322
        ? [`sendMessageAck-${roomId}`]
        : ['messageFailed'];
    }
    default:
      return undefined;
  }
}

/**
 * Proves the server still serves this peer; after hostile input it may have closed the socket
 * (the expected answer to a protocol violation), and then it must serve a new one.
 */
async function stillServes(mayHaveClosed: boolean): Promise<void> {
  const p = await livePeer();
  const seen = p.received.length;
  await p.send('authenticated', { identityKey: p.identityKey });
  const reply = await nextEvent(p, seen, 5000, mayHaveClosed).catch((error: unknown) => {
    if (mayHaveClosed && !p.socket.connected) return undefined;
    throw error;
  });
  if (!reply) return stillServes(false);
  if (reply.eventName !== 'authenticationSuccess') fail(`liveness check got ${reply.eventName}`);
}

function checkCodec(value: unknown, payloadBase64?: string): void {
  try {
    const parsed = parseAuthMessage(value, MAX_PAYLOAD);
    if (
      parsed.messageType === 'general' &&
      (!(parsed.payload instanceof Uint8Array) || parsed.payload.length === 0)
    ) {
      fail('a general message was accepted without a payload');
    }
  } catch (error) {
    if (!(error instanceof ProtocolViolation)) fail(`parseAuthMessage threw ${String(error)}`);
  }
  if (payloadBase64 === undefined) return;
  try {
    decodeEvent(Buffer.from(payloadBase64, 'base64'));
  } catch (error) {
    if (!(error instanceof ProtocolViolation)) fail(`decodeEvent threw ${String(error)}`);
  }
}

async function checkLive(input: SocketInput): Promise<void> {
  const p = await livePeer();
  if (input.kind === 'raw') {
    p.socket.emit(input.event, ...input.args);
  } else if (input.kind === 'mutated') {
    const honest = (await p.sign('authenticated', { identityKey: p.identityKey })) as Record<
      string,
      unknown
    >;
    p.sendRaw({ ...honest, ...input.fields });
  } else if (input.kind === 'event') {
    const seen = p.received.length;
    await p.send(input.eventName, input.data);
    const names = expectedReplies(input.eventName, input.data);
    if (names) {
      const reply = await nextEvent(p, seen);
      if (!names.includes(reply.eventName)) {
        fail(`${input.eventName} answered with ${reply.eventName}, expected ${names.join(' or ')}`);
      }
      assertClientErrorObject(reply.data, `${input.eventName} reply`);
    }
  }
  await stillServes(input.kind !== 'event');
}

const seedEvents = (): Array<{ eventName: string; data: unknown }> =>
  loadSeeds<{ eventName: string; data: unknown }>('socket-event');

export const socketSurface: Surface<SocketInput> = {
  name: 'socket',
  budgetMs: 20000,
  async setup(target) {
    url = target.url;
    await livePeer();
  },
  teardown() {
    peer?.close();
    peer = undefined;
    return Promise.resolve();
  },
  arbitrary() {
    const seeds = seedEvents();
    const room = fc.oneof(
      fc.constant('__OWN__-inbox'),
      fc.stringMatching(/^[0-9a-f]{66}-[a-z]{1,10}$/),
      nastyString,
    );
    const messageShape = fc.record(
      {
        recipient: fc.oneof(fc.constant('__OWN__'), nastyString, hostileJson),
        messageId: fc.oneof(nastyString, hostileJson),
        body: fc.oneof(nastyString, hostileJson),
      },
      { requiredKeys: [] },
    );
    const eventData = fc.oneof(
      hostileJson,
      room,
      fc.record({ identityKey: fc.oneof(fc.constant('__OWN__'), nastyString) }),
      fc.record(
        { roomId: fc.oneof(room, hostileJson), message: fc.oneof(messageShape, hostileJson) },
        { requiredKeys: [] },
      ),
      ...(seeds.length ? [fc.constantFrom(...seeds.map((s) => s.data))] : []),
    );
    // Messages the official client sent in the capture run: replays of another session's traffic.
    const captured = loadSeeds('socket-auth-message');
    const capturedMessages = captured.length ? [fc.constantFrom(...captured)] : [];
    const general = fc.record(
      {
        version: fc.oneof(fc.constant('0.1'), hostileJson),
        messageType: fc.oneof(
          fc.constantFrom('general', 'initialRequest', 'initialResponse', 'certificateRequest'),
          hostileJson,
        ),
        identityKey: fc.oneof(fc.stringMatching(/^0[23][0-9a-f]{64}$/), hostileJson),
        nonce: fc.oneof(base64Nonce, hostileJson),
        yourNonce: fc.oneof(base64Nonce, hostileJson),
        initialNonce: fc.oneof(base64Nonce, hostileJson),
        payload: fc.oneof(
          fc.array(fc.integer({ min: -2, max: 300 }), { maxLength: 50 }),
          hostileJson,
        ),
        signature: fc.oneof(
          fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 90 }),
          hostileJson,
        ),
      },
      { requiredKeys: [] },
    );
    return fc.oneof(
      fc.record({
        kind: fc.constant('codec' as const),
        value: fc.oneof(general, hostileJson),
        payloadBase64: fc
          .oneof(
            fc.uint8Array({ maxLength: 100 }),
            fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
          )
          .map((b) => Buffer.from(b).toString('base64')),
      }),
      fc.record({
        kind: fc.constant('roundtrip' as const),
        eventName: nastyString,
        data: fc.jsonValue(),
      }),
      fc.record({
        kind: fc.constant('raw' as const),
        event: fc.constantFrom('authMessage', 'message', 'sendMessage', 'joinRoom'),
        args: fc.array(fc.oneof(general, hostileJson, ...capturedMessages), { maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('mutated' as const),
        fields: fc.dictionary(
          fc.constantFrom(
            'version',
            'messageType',
            'identityKey',
            'nonce',
            'yourNonce',
            'payload',
            'signature',
          ),
          fc.oneof(hostileJson, base64Nonce),
          { minKeys: 1, maxKeys: 2 },
        ),
      }),
      fc.record({
        kind: fc.constant('event' as const),
        eventName: fc.oneof(fc.constantFrom(...EVENTS), nastyString),
        data: eventData,
      }),
    );
  },
  async check(_target, input) {
    if (input.kind === 'codec') return checkCodec(input.value, input.payloadBase64);
    if (input.kind === 'roundtrip') {
      const encoded = encodeEvent(input.eventName, input.data);
      const decoded = decodeEvent(encoded.bytes);
      const expected = JSON.parse(
        JSON.stringify({ eventName: input.eventName, data: input.data }),
      ) as unknown;
      if (!isDeepStrictEqual(decoded, expected)) fail('decodeEvent(encodeEvent(x)) differs from x');
      if (!Buffer.from(JSON.parse(encoded.arrayJson) as number[]).equals(encoded.bytes))
        fail('arrayJson and bytes differ');
      return;
    }
    if (input.kind === 'event') {
      // Placeholders become the live peer's own key, so that honest paths are reached too.
      const p = await livePeer();
      const own = (v: unknown): unknown =>
        JSON.parse(
          JSON.stringify(v ?? null)
            .split('__OWN__')
            .join(p.identityKey),
        ) as unknown;
      return checkLive({ ...input, data: input.data === undefined ? undefined : own(input.data) });
    }
    return checkLive(input);
  },
};
