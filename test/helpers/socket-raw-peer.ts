import { PrivateKey, ProtoWallet, Utils } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { settlesWithin } from './auth-clients';

const PROTOCOL: [2, string] = [2, 'auth message signature'];

export interface GeneralOptions {
  /** Claimed identity; defaults to the signer's own key. */
  identityKey?: string;
  /** Session nonce to address; defaults to the server's nonce from this peer's handshake. */
  yourNonce?: string;
  /** Raw payload bytes instead of the JSON event (e.g. non-JSON). */
  payload?: number[];
  /** Signature to send instead of a valid one. */
  signature?: number[];
}

export interface ReceivedEvent {
  eventName: string;
  data: unknown;
  /** performance.now() when the authMessage arrived, before any verification. */
  arrivedAt: number;
}

export interface RawSocketPeerOptions {
  key?: PrivateKey;
  /**
   * Verify what the server sends (default). Benchmarks turn it off so that pure-JS verification
   * in the client does not delay the next arrival; the e2e tests cover verification.
   */
  verify?: boolean;
  /** Extra handshake headers, e.g. X-Forwarded-For to appear as another client address. */
  headers?: Record<string, string>;
}

/**
 * A hand-built BRC-103 peer on socket.io-client and @bsv/sdk primitives (independent of the
 * server's code), for messages the official client would never send: spoofed identities,
 * replays, garbage. It verifies every authMessage it receives and records the ones that fail,
 * which the official client would crash on (docs/protocol/realtime.md#never-send-what-the-client-cannot-verify).
 */
export class RawSocketPeer {
  readonly wallet: ProtoWallet;
  readonly identityKey: string;
  readonly socket: Socket;
  readonly received: ReceivedEvent[] = [];
  readonly unverifiable: unknown[] = [];
  private clientNonce = '';
  serverNonce = '';
  serverKey = '';
  private readonly waiters: Array<{ name: string; resolve: (e: ReceivedEvent) => void }> = [];
  private readonly taken = new Set<ReceivedEvent>();
  private readonly verify: boolean;
  private readonly handshakeWaiters = new Map<string, (msg: Record<string, unknown>) => void>();
  private readonly disconnected: Promise<string>;

  constructor(url: string, options: RawSocketPeerOptions = {}) {
    const key = options.key ?? PrivateKey.fromRandom();
    this.verify = options.verify ?? true;
    this.wallet = new ProtoWallet(key);
    this.identityKey = key.toPublicKey().toString();
    this.socket = io(url, {
      reconnection: false,
      forceNew: true,
      transports: ['websocket'],
      extraHeaders: options.headers,
    });
    this.socket.on('authMessage', (msg: unknown) => void this.onMessage(msg));
    this.disconnected = new Promise((done) => this.socket.once('disconnect', done));
  }

  async connect(): Promise<this> {
    if (!this.socket.connected) {
      await settlesWithin(
        new Promise<void>((done, fail) => {
          this.socket.once('connect', done);
          this.socket.once('connect_error', fail);
        }),
        5000,
        'socket connect',
      );
    }
    return this;
  }

  /** initialRequest → verified initialResponse; the session nonce S is kept for general messages. */
  async handshake(): Promise<void> {
    const nonce = randomBytes(48).toString('base64');
    const reply = new Promise<Record<string, unknown>>((done) =>
      this.handshakeWaiters.set(nonce, done),
    );
    this.clientNonce = nonce;
    this.socket.emit('authMessage', {
      version: '0.1',
      messageType: 'initialRequest',
      identityKey: this.identityKey,
      initialNonce: nonce,
      requestedCertificates: { certifiers: [], types: {} },
    });
    const msg = await settlesWithin(reply, 5000, 'initialResponse');
    const { valid } = await this.wallet.verifySignature({
      protocolID: PROTOCOL,
      keyID: `${nonce} ${String(msg.initialNonce)}`,
      counterparty: String(msg.identityKey),
      data: Utils.toArray(nonce + String(msg.initialNonce), 'base64'),
      signature: msg.signature as number[],
    });
    if (!valid) throw new Error('initialResponse signature invalid');
    this.serverNonce = String(msg.initialNonce);
    this.serverKey = String(msg.identityKey);
  }

  /** Signs and sends one general message; returns it so a test can send it again (replay). */
  async send(eventName: string, data: unknown, o: GeneralOptions = {}): Promise<object> {
    const message = await this.sign(eventName, data, o);
    this.socket.emit('authMessage', message);
    return message;
  }

  /** One signed general message, not sent (benchmarks sign ahead of time). */
  async sign(eventName: string, data: unknown, o: GeneralOptions = {}): Promise<object> {
    const payload = o.payload ?? Utils.toArray(JSON.stringify({ eventName, data }), 'utf8');
    const nonce = randomBytes(32).toString('base64');
    const yourNonce = o.yourNonce ?? this.serverNonce;
    const signature =
      o.signature ??
      (
        await this.wallet.createSignature({
          protocolID: PROTOCOL,
          keyID: `${nonce} ${yourNonce}`,
          counterparty: this.serverKey,
          data: payload,
        })
      ).signature;
    return {
      version: '0.1',
      messageType: 'general',
      identityKey: o.identityKey ?? this.identityKey,
      nonce,
      yourNonce,
      payload,
      signature,
    };
  }

  sendRaw(...args: unknown[]): void {
    this.socket.emit('authMessage', ...args);
  }

  /** The oldest `eventName` not yet returned by next(), waiting for it if need be. */
  next(eventName: string, ms = 5000): Promise<ReceivedEvent> {
    const seen = this.received.find((e) => e.eventName === eventName && !this.taken.has(e));
    if (seen) {
      this.taken.add(seen);
      return Promise.resolve(seen);
    }
    return settlesWithin(
      new Promise((resolve) => this.waiters.push({ name: eventName, resolve })),
      ms,
      `event ${eventName}`,
    );
  }

  /** Resolves with the reason once the server has closed this socket. */
  closedByServer(ms = 5000): Promise<string> {
    return settlesWithin(this.disconnected, ms, 'server-side disconnect');
  }

  close(): void {
    this.socket.disconnect();
  }

  private async onMessage(raw: unknown): Promise<void> {
    const arrivedAt = performance.now();
    const msg = raw as Record<string, unknown>;
    if (msg.messageType === 'initialResponse') {
      this.handshakeWaiters.get(String(msg.yourNonce))?.(msg);
      return;
    }
    if (this.verify && !(await this.verifies(msg))) {
      this.unverifiable.push(raw);
      return;
    }
    const { eventName, data } = JSON.parse(Utils.toUTF8(msg.payload as number[])) as {
      eventName: string;
      data: unknown;
    };
    const event: ReceivedEvent = { eventName, data, arrivedAt };
    this.received.push(event);
    const i = this.waiters.findIndex((w) => w.name === eventName);
    if (i >= 0) {
      this.taken.add(event);
      this.waiters.splice(i, 1)[0].resolve(event);
    }
  }

  private async verifies(msg: Record<string, unknown>): Promise<boolean> {
    if (msg.messageType !== 'general' || msg.yourNonce !== this.clientNonce) return false;
    try {
      const { valid } = await this.wallet.verifySignature({
        protocolID: PROTOCOL,
        keyID: `${String(msg.nonce)} ${this.clientNonce}`,
        counterparty: this.serverKey,
        data: msg.payload as number[],
        signature: msg.signature as number[],
      });
      return valid;
    } catch {
      return false;
    }
  }
}
