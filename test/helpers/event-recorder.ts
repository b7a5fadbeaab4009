import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MessageCreatedEvent } from '../../src/common/events/domain-events';

/** Records message.created events, and has a second listener that always fails. */
@Injectable()
export class EventRecorder {
  readonly created: MessageCreatedEvent[] = [];

  @OnEvent('message.created')
  record(event: MessageCreatedEvent): void {
    this.created.push(event);
  }

  @OnEvent('message.created')
  fail(): never {
    throw new Error('a broken listener');
  }
}

@Module({ providers: [EventRecorder] })
export class EventRecorderModule {}
