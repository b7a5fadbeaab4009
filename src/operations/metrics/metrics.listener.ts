import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { MessagesAcknowledgedEvent } from '../../common/events/domain-events';
import { MetricsService } from './metrics.service';

/** Counts domain events; nothing publishes to metrics directly. */
@Injectable()
export class MetricsListener {
  constructor(private readonly metrics: MetricsService) {}

  @OnEvent('message.created')
  onMessageCreated(): void {
    this.metrics.messagesStored.inc();
  }

  @OnEvent('messages.acknowledged')
  onMessagesAcknowledged(event: MessagesAcknowledgedEvent): void {
    this.metrics.messagesAcknowledged.inc(event.count);
  }
}
