import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { EventBus } from '../common/events/event-bus';
import { requirePayment } from '../payments/payment-presence';
import { sendDigest } from '../payments/send-digest';
import { PaymentVerifier, VerifiedPayment } from '../payments/payment-verifier';
import { BoxPricesService } from '../permissions/box-prices.service';
import { MessageBudgets } from './message-budgets';
import { ListMessagesQuery } from './message-requests';
import { MessagesRepository } from './messages.repository';
import { SendMessageCommand } from './send-message.request';
import { storedBody } from './stored-body';

export interface SendMessageResult {
  status: 'success';
  message: string;
  results: Array<{ recipient: string; messageId: string }>;
}

export interface ListMessagesResult {
  status: 'success';
  messages: Array<{
    messageId: string;
    body: string;
    sender: string;
    createdAt: string;
    updatedAt: string;
  }>;
  nextCursor?: string;
}

/** What send refuses itself, after parsing (budgets and payments list theirs). */
export const SEND_REFUSALS = { 403: ['ERR_DELIVERY_BLOCKED'] } as const;

/** What acknowledge refuses itself, after parsing. */
export const ACKNOWLEDGE_REFUSALS = { 400: ['ERR_INVALID_ACKNOWLEDGMENT'] } as const;

/**
 * Sending, listing and acknowledging, on commands already parsed at the edge (controller or
 * socket handler). A send is checked whole (blocking, budgets, payment) before any side effect,
 * stored by the repository in one statement or one transaction, and announced on the event bus
 * after commit. HTTP and Socket.IO both send through here.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly prices: BoxPricesService,
    private readonly payments: PaymentVerifier,
    private readonly events: EventBus,
    private readonly budgets: MessageBudgets,
  ) {}

  /** `sender` is the verified caller. */
  async send(sender: string, cmd: SendMessageCommand): Promise<SendMessageResult> {
    const payment = await this.checkFees(sender, cmd);
    const at = new Date();
    const rows = cmd.pairs.map(({ recipient, messageId }) => ({
      messageId,
      sender,
      recipient,
      body: storedBody(cmd.body, payment.storedPaymentFor.get(recipient)),
    }));
    await this.budgets.checkStorage(sender, rows);
    const record = payment.record;
    const first = cmd.pairs[0];
    const created = await this.repository.storeSend({
      messageBox: cmd.messageBox,
      rows,
      at,
      payment: record && {
        record,
        send: {
          sender,
          messageBox: cmd.messageBox,
          paidFor: `${first.recipient}:${first.messageId}`,
          digest: sendDigest({
            sender,
            messageBox: cmd.messageBox,
            pairs: cmd.pairs,
            body: cmd.body,
          }),
        },
      },
    });
    for (const row of created) {
      this.events.publish('message.created', {
        messageId: row.messageId,
        sender,
        recipient: row.recipient,
        messageBox: cmd.messageBox,
        body: row.body,
        createdAt: at.toISOString(),
      });
    }
    return {
      status: 'success',
      message: `Your message has been sent to ${cmd.pairs.length} recipient(s).`,
      results: cmd.pairs,
    };
  }

  /** Refuses blocked deliveries; verifies the payment when one is due, before any side effect. */
  private async checkFees(sender: string, cmd: SendMessageCommand): Promise<VerifiedPayment> {
    const recipients = cmd.pairs.map((p) => p.recipient);
    const { deliveryFee, recipientFees: fees } = await this.prices.pricesFor(
      sender,
      cmd.messageBox,
      recipients,
    );
    const blocked = [...fees].filter(([, fee]) => fee === -1).map(([r]) => r);
    if (blocked.length > 0) {
      throw new AppError('ERR_DELIVERY_BLOCKED', `Blocked recipients: ${blocked.join(', ')}`, {
        blockedRecipients: blocked,
      });
    }
    // Fees are per recipient, not per copy: a recipient named twice pays once.
    const feeRecipients = [...fees]
      .filter(([, fee]) => fee > 0)
      .map(([recipient, fee]) => ({ recipient, fee }));
    if (deliveryFee <= 0 && feeRecipients.length === 0) return { storedPaymentFor: new Map() };
    const payment = requirePayment(cmd.payment, deliveryFee);
    return this.payments.verify({
      sender,
      messageBox: cmd.messageBox,
      deliveryFee,
      feeRecipients,
      payment,
    });
  }

  async list(identityKey: string, q: ListMessagesQuery): Promise<ListMessagesResult> {
    const page = await this.repository.list(
      identityKey,
      q.messageBox,
      q.limit,
      this.budgets.pageBytes,
      q.cursor,
    );
    return {
      status: 'success',
      messages: page.rows.map((m) => ({
        messageId: m.messageId,
        body: m.body,
        sender: m.sender,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      })),
      ...(page.nextCursor !== undefined ? { nextCursor: String(page.nextCursor) } : {}),
    };
  }

  async acknowledge(identityKey: string, messageIds: string[]): Promise<{ status: 'success' }> {
    const deleted = await this.repository.acknowledge(identityKey, messageIds);
    if (deleted === 0) throw new AppError('ERR_INVALID_ACKNOWLEDGMENT', 'Message not found!');
    this.events.publish('messages.acknowledged', { recipient: identityKey, count: deleted });
    return { status: 'success' };
  }

  /** Deletes unacknowledged messages stored before `cutoff` (retention); returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number> {
    return this.repository.purgeOlderThan(cutoff);
  }
}
