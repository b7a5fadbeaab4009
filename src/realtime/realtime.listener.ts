import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MessageCreatedEvent } from '../common/events/domain-events';
import { RealtimeConfig } from '../config/configuration';
import { isRecord } from './authsocket-codec';
import { LiveDeliveryService } from './live-delivery.service';
import { describeError } from '../common/errors/describe-error';

/**
 * Pushes every stored message live, whichever path stored it (HTTP or socket): docs/protocol/realtime.md#live-delivery.
 * Runs after the commit (the publisher's contract), so a live message is always also listable.
 * The work happens on a later turn of the event loop, so the send is answered without waiting
 * for the fan-out; bodies above LIVE_MAX_BODY_BYTES are not pushed at all (the client's
 * listMessages gets them), since each socket needs its own signed copy.
 */
@Injectable()
export class RealtimeListener {
  private readonly logger = new Logger('Realtime');
  private readonly maxLiveBytes: number;

  constructor(
    private readonly delivery: LiveDeliveryService,
    realtime: RealtimeConfig,
  ) {
    this.maxLiveBytes = realtime.liveMaxBodyBytes;
  }

  @OnEvent('message.created')
  onMessageCreated(event: MessageCreatedEvent): void {
    // UTF-16 length never exceeds the UTF-8 byte length, so a long string is refused unmeasured.
    if (
      event.body.length > this.maxLiveBytes ||
      Buffer.byteLength(event.body) > this.maxLiveBytes
    ) {
      return;
    }
    setImmediate(() => this.push(event));
  }

  private push(event: MessageCreatedEvent): void {
    this.delivery
      .deliver({
        recipient: event.recipient,
        messageBox: event.messageBox,
        message: {
          sender: event.sender,
          messageId: event.messageId,
          body: unwrapBody(event.body),
          created_at: event.createdAt,
          updated_at: event.createdAt,
        },
      })
      .catch((error: unknown) =>
        this.logger.error(`Live delivery of ${event.messageId} failed: ${describeError(error)}`),
      );
  }
}

/**
 * The stored row is `{"message": body, "payment"?: …}`; client 2.1.1 decrypts only a top-level
 * `encryptedMessage`, so the live event carries the sender's body itself (docs/protocol/realtime.md#the-live-body-is-the-senders-body).
 */
export function unwrapBody(stored: string): unknown {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (isRecord(parsed) && 'message' in parsed) return parsed.message;
  } catch {
    // Not JSON: a row stored by something else; hand it over as it is.
  }
  return stored;
}
