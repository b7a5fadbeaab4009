import { Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** The typed domain-event bus; publishers import it, listeners only need @OnEvent. */
@Module({ providers: [EventBus], exports: [EventBus] })
export class EventsModule {}
