import { AUTH_VERSION } from '../auth/brc104/auth-headers';
import { REALTIME_LIMITS } from './realtime.constants';
import { ProtocolViolation } from './protocol-violation';

/** A verified-or-to-be-verified BRC-103 general message, with its byte fields decoded. */
export interface InboundGeneralMessage {
  messageType: 'general';
  identityKey: string;
  nonce: string;
  yourNonce: string;
  payload: Uint8Array;
  signature: Uint8Array;
}

/** An initialRequest, left as the object HandshakeService validates (as for HTTP). */
export interface InboundInitialRequest {
  messageType: 'initialRequest';
  message: Record<string, unknown>;
}

export type InboundAuthMessage = InboundGeneralMessage | InboundInitialRequest;

/** The application event carried in a general message's payload (docs/protocol/realtime.md#authmessage-codec). */
export interface SocketEvent {
  eventName: string;
  data: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Validates the untrusted `authMessage` argument without assuming anything about its shape.
 * Only initialRequest and general are accepted: the server requests no certificates and never
 * starts a handshake, so every other message type is a violation.
 */
export function parseAuthMessage(raw: unknown, maxPayloadBytes: number): InboundAuthMessage {
  if (!isRecord(raw)) throw new ProtocolViolation('not an object');
  if (raw.version !== AUTH_VERSION) throw new ProtocolViolation('bad version');
  if (raw.messageType === 'initialRequest') return { messageType: 'initialRequest', message: raw };
  if (raw.messageType !== 'general') throw new ProtocolViolation('unsupported message type');
  const { identityKey, nonce, yourNonce } = raw;
  if (typeof identityKey !== 'string' || identityKey.length !== 66) {
    throw new ProtocolViolation('bad identityKey');
  }
  if (!isNonce(nonce) || !isNonce(yourNonce)) throw new ProtocolViolation('bad nonce');
  return {
    messageType: 'general',
    identityKey,
    nonce,
    yourNonce,
    payload: toBytes(raw.payload, maxPayloadBytes, 'payload'),
    signature: toBytes(raw.signature, REALTIME_LIMITS.maxSignatureBytes, 'signature'),
  };
}

/**
 * A payload in both forms: the bytes to sign, and the JSON number array the wire format wants,
 * already as text. Built once per event and shared by every socket it goes to.
 */
export interface EncodedEvent {
  bytes: Buffer;
  arrayJson: string;
}

/** Payload of `{eventName, data}`, as the client encodes it (UTF-8 of JSON.stringify). */
export function encodeEvent(eventName: string, data: unknown): EncodedEvent {
  const bytes = Buffer.from(JSON.stringify({ eventName, data }), 'utf8');
  return { bytes, arrayJson: byteArrayJson(bytes) };
}

/**
 * `[b0,b1,…]` written straight into one buffer: a JS array of numbers would cost a heap slot per
 * byte, and JSON.stringify of it a second copy, for every socket.
 */
export function byteArrayJson(bytes: Uint8Array): string {
  const out = Buffer.allocUnsafe(bytes.length * 4 + 2);
  let o = 0;
  out[o++] = 0x5b;
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out[o++] = 0x2c;
    const b = bytes[i];
    if (b >= 100) {
      out[o++] = 48 + ((b / 100) | 0);
      out[o++] = 48 + (((b / 10) | 0) % 10);
    } else if (b >= 10) {
      out[o++] = 48 + ((b / 10) | 0);
    }
    out[o++] = 48 + (b % 10);
  }
  out[o++] = 0x5d;
  return out.toString('latin1', 0, o);
}

export function decodeEvent(payload: Uint8Array): SocketEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new ProtocolViolation('payload is not JSON');
  }
  if (!isRecord(parsed) || typeof parsed.eventName !== 'string') {
    throw new ProtocolViolation('payload is not an event');
  }
  return { eventName: parsed.eventName, data: parsed.data };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonce(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= REALTIME_LIMITS.maxNonceLength &&
    BASE64.test(value)
  );
}

/** A JSON array of byte values; `(v & 255) === v` rejects non-numbers, fractions and ranges. */
function toBytes(value: unknown, max: number, what: string): Uint8Array {
  if (!Array.isArray(value) || value.length === 0) throw new ProtocolViolation(`bad ${what}`);
  if (value.length > max) throw new ProtocolViolation(`${what} too large`);
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || (v & 255) !== v) throw new ProtocolViolation(`bad ${what}`);
    bytes[i] = v;
  }
  return bytes;
}
