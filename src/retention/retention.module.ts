import { Module } from '@nestjs/common';
import { MessageRetentionRepository } from './message-retention.repository';
import { MessageRetentionService } from './message-retention.service';

/** Scheduled purge of old messages; AppModule imports it only when MESSAGE_RETENTION_DAYS > 0. */
@Module({ providers: [MessageRetentionRepository, MessageRetentionService] })
export class RetentionModule {}
