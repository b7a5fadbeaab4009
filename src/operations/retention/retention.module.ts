import { Module } from '@nestjs/common';
import { MessagesModule } from '../../messages/messages.module';
import { MessageRetentionService } from './message-retention.service';

/** Scheduled purge of old messages; AppModule imports it only when MESSAGE_RETENTION_DAYS > 0. */
@Module({ imports: [MessagesModule], providers: [MessageRetentionService] })
export class RetentionModule {}
