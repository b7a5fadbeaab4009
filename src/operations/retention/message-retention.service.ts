import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { describeError } from '../../common/errors/describe-error';
import { LimitsConfig } from '../../config/configuration';
import { MessagesService } from '../../messages/messages.service';

export const RETENTION_JOB = 'message-retention';
const DAY_MS = 24 * 3600 * 1000;
const PURGE_EVERY_MS = 3600 * 1000;

/**
 * MESSAGE_RETENTION_DAYS > 0: every hour, unacknowledged messages older than that are deleted
 * (docs/protocol/limits.md#message-retention). Every purge is logged with its count; nothing is removed silently.
 */
@Injectable()
export class MessageRetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Retention');
  private readonly days: number;

  constructor(
    private readonly messages: MessagesService,
    private readonly scheduler: SchedulerRegistry,
    limits: LimitsConfig,
  ) {
    this.days = limits.messageRetentionDays;
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(() => {
      this.purge().catch((error: unknown) =>
        this.logger.error(`Purge failed: ${describeError(error)}`),
      );
    }, PURGE_EVERY_MS);
    // The scheduler registry clears it on shutdown.
    this.scheduler.addInterval(RETENTION_JOB, timer);
    this.logger.log(`Messages older than ${this.days} day(s) are purged every hour`);
  }

  /** Deletes messages stored more than MESSAGE_RETENTION_DAYS ago; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.days * DAY_MS);
    const deleted = await this.messages.purgeOlderThan(cutoff);
    this.logger.log(`Purged ${deleted} message(s) stored before ${cutoff.toISOString()}`);
    return deleted;
  }
}
