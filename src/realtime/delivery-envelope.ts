import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from './authsocket-codec';
import { LiveDelivery } from './live-message';

/** An envelope older than this is refused: a recorded one cannot be replayed later. */
const MAX_AGE_MS = 60_000;

interface Envelope {
  payload: string;
  mac: string;
}

/**
 * Deliveries travel between instances through Redis, where anyone with access to that Redis
 * could publish: each is authenticated with an HMAC whose key is derived from the server's
 * private key, which only this deployment's instances hold.
 */
export class DeliveryEnvelopes {
  private readonly key: Buffer;

  constructor(serverPrivateKeyHex: string) {
    this.key = createHmac('sha256', Buffer.from(serverPrivateKeyHex, 'hex'))
      .update('messagebox inter-instance deliveries v1')
      .digest();
  }

  seal(delivery: LiveDelivery, now = Date.now()): Envelope {
    const payload = JSON.stringify({ sentAt: now, delivery });
    return { payload, mac: this.mac(payload) };
  }

  /** The delivery when the envelope is authentic, fresh and well formed; otherwise undefined. */
  open(value: unknown, now = Date.now()): LiveDelivery | undefined {
    if (!isRecord(value) || typeof value.payload !== 'string' || typeof value.mac !== 'string') {
      return undefined;
    }
    const expected = Buffer.from(this.mac(value.payload), 'hex');
    const given = Buffer.from(value.mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.payload);
    } catch {
      return undefined;
    }
    if (!isRecord(parsed) || typeof parsed.sentAt !== 'number') return undefined;
    if (Math.abs(now - parsed.sentAt) > MAX_AGE_MS) return undefined;
    return isDelivery(parsed.delivery) ? parsed.delivery : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('hex');
  }
}

function isDelivery(value: unknown): value is LiveDelivery {
  return (
    isRecord(value) &&
    typeof value.recipient === 'string' &&
    typeof value.messageBox === 'string' &&
    isRecord(value.message)
  );
}
