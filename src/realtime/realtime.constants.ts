/** The only Socket.IO event on the wire, in both directions (docs/protocol/realtime.md#transport, docs/protocol/realtime.md#only-authmessage-is-accepted). */
export const AUTH_MESSAGE_EVENT = 'authMessage';

/** Server-to-server event (redis adapter serverSideEmit) carrying an unsigned delivery request. */
export const DELIVER_EVENT = 'mb:deliver';

/** Channel prefix of the Socket.IO redis adapter, kept apart from other Socket.IO apps' keys. */
export const REDIS_ADAPTER_KEY = 'mb:socket.io';

export const REALTIME_LIMITS = {
  /** A socket that has not produced a verified general message by then is closed (docs/protocol/realtime.md#one-bad-message-closes-one-socket). */
  authTimeoutMs: 30_000,
  /** The client may start a few concurrent handshakes (docs/protocol/realtime.md#never-send-what-the-client-cannot-verify); more is abuse. */
  maxHandshakesPerSocket: 10,
  /** authMessages waiting to be processed on one socket; a flood beyond this closes it. */
  maxQueuedMessages: 64,
  /** Boxes a socket may have left at once (the per-socket "left" set of docs/protocol/realtime.md#delivery-policy). */
  maxLeftBoxes: 256,
  /** Longest room id we read: 66-char key, '-', and a box name of at most 255 characters. */
  maxRoomIdLength: 66 + 1 + 255,
  /** Nonces are base64 of 32 (message) or 48 (session) bytes; anything longer is junk. */
  maxNonceLength: 200,
  /** A DER ECDSA signature is at most 72 bytes. */
  maxSignatureBytes: 80,
} as const;
