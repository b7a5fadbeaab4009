import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { LimitsConfig } from '../config/configuration';
import { MessagesRepository, NewMessage } from './messages.repository';

/** The refusals of checkStorage (all 409); /sendMessage documents this list. */
export const STORAGE_REFUSALS = ['ERR_RECIPIENT_STORAGE_FULL', 'ERR_SENDER_STORAGE_FULL'] as const;

/**
 * Byte budgets of stored messages: what one listMessages page may carry, and how much one
 * recipient (and one sender for one recipient) may have waiting. The storage check runs before
 * the insert; concurrent sends may overshoot it by at most what is in flight at that moment.
 */
@Injectable()
export class MessageBudgets {
  readonly pageBytes: number;
  private readonly recipientBytes: number;
  private readonly senderBytes: number;

  constructor(
    private readonly repository: MessagesRepository,
    limits: LimitsConfig,
  ) {
    this.pageBytes = limits.listPageMaxBytes;
    this.recipientBytes = limits.maxStoredBytesPerRecipient;
    this.senderBytes = limits.maxStoredBytesPerSender;
  }

  /** Refuses the whole send when any recipient would go over a budget (0 turns one off). */
  async checkStorage(sender: string, rows: NewMessage[]): Promise<void> {
    if (this.recipientBytes === 0 && this.senderBytes === 0) return;
    const incoming = new Map<string, number>();
    for (const row of rows) {
      incoming.set(row.recipient, (incoming.get(row.recipient) ?? 0) + Buffer.byteLength(row.body));
    }
    const stored = await this.repository.storedBytes(sender, [...incoming.keys()]);
    for (const [recipient, bytes] of incoming) {
      const now = stored.get(recipient) ?? { total: 0, fromSender: 0 };
      if (this.recipientBytes > 0 && now.total + bytes > this.recipientBytes) {
        throw new AppError(
          'ERR_RECIPIENT_STORAGE_FULL',
          `Recipient ${recipient} has ${this.recipientBytes} bytes of messages waiting at most; it must acknowledge some before more can be stored.`,
          { recipient },
        );
      }
      if (this.senderBytes > 0 && now.fromSender + bytes > this.senderBytes) {
        throw new AppError(
          'ERR_SENDER_STORAGE_FULL',
          `At most ${this.senderBytes} bytes of your messages may wait for recipient ${recipient}; it must acknowledge some before more can be stored.`,
          { recipient },
        );
      }
    }
  }
}
