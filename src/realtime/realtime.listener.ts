import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MessageCreatedEvent } from '../common/events/domain-events';
import { isRecord } from './authsocket-codec';
import { LiveDeliveryService } from './live-delivery.service';

/**
 * Pushes every stored message live, whichever path stored it (HTTP or socket): REALTIME.md §5.
 * Runs after the commit (the publisher's contract), so a live message is always also listable.
 */
@Injectable()
export class RealtimeListener {
  private readonly logger = new Logger('Realtime');

  constructor(private readonly delivery: LiveDeliveryService) {}

  @OnEvent('message.created')
  onMessageCreated(event: MessageCreatedEvent): void {
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
        this.logger.error(
          `Live delivery of ${event.messageId} failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
}

/**
 * The stored row is `{"message": body, "payment"?: …}`; client 2.1.1 decrypts only a top-level
 * `encryptedMessage`, so the live event carries the sender's body itself (REALTIME.md §5, R2).
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
