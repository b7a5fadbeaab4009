import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEvents } from './domain-events';
import { describeError } from '../errors/describe-error';

/**
 * Typed wrapper over EventEmitter2. Publish only after the transaction commits, so no listener
 * sees a row that could still roll back. Listeners own their failures: nothing they throw
 * reaches the publisher.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('EventBus');

  constructor(private readonly emitter: EventEmitter2) {}

  publish<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    try {
      this.emitter.emit(name, payload);
    } catch (error) {
      this.logger.error(`Listener of ${name} failed: ${describeError(error)}`);
    }
  }
}
