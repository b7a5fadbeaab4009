import { Injectable } from '@nestjs/common';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { AppError } from '../common/errors/app-error';
import { EventBus } from '../common/events/event-bus';
import { LimitsConfig } from '../config/configuration';
import { TransactionRunner } from '../database/transaction-runner';
import { requirePayment } from '../payments/payment-presence';
import { PaymentLedger } from '../payments/payment-ledger';
import { sendDigest } from '../payments/send-digest';
import { PaymentVerifier, VerifiedPayment } from '../payments/payment-verifier';
import { BoxPricesService } from '../permissions/box-prices.service';
import { MessageBudgets } from './message-budgets';
import { ListMessagesQuery } from './message-requests';
import { MessagesRepository, NewMessage } from './messages.repository';
import { parseSendMessage, SendMessageCommand } from './send-message.request';
import { storedBody } from './stored-body';

export interface SendMessageResult {
  status: 'success';
  message: string;
  results: Array<{ recipient: string; messageId: string }>;
}

/**
 * Sending, listing and acknowledging. A send is checked whole (validation, blocking, payment)
 * before any side effect, stored in one transaction, and announced on the event bus after commit.
 * HTTP and Socket.IO both send through here.
 */
@Injectable()
export class MessagesService {
  private readonly maxRecipients: number;
  private readonly isValidKey: (hex: string) => boolean;

  constructor(
    private readonly repository: MessagesRepository,
    private readonly transactions: TransactionRunner,
    private readonly prices: BoxPricesService,
    private readonly payments: PaymentVerifier,
    private readonly ledger: PaymentLedger,
    private readonly events: EventBus,
    private readonly budgets: MessageBudgets,
    crypto: CryptoProvider,
    limits: LimitsConfig,
  ) {
    this.maxRecipients = limits.maxRecipientsPerSend;
    this.isValidKey = (hex) => crypto.isValidPublicKey(hex);
  }

  /** `request` is the /sendMessage JSON body; `sender` the verified caller. */
  async send(sender: string, request: unknown): Promise<SendMessageResult> {
    const cmd = parseSendMessage(request, {
      maxRecipients: this.maxRecipients,
      isValidKey: this.isValidKey,
    });
    const payment = await this.checkFees(sender, cmd);
    const at = new Date();
    const rows = cmd.pairs.map(({ recipient, messageId }) => ({
      messageId,
      sender,
      recipient,
      body: storedBody(cmd.body, payment.storedPaymentFor.get(recipient)),
    }));
    await this.budgets.checkStorage(sender, rows);
    const created = await this.store(sender, cmd, rows, at, payment);
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

  /**
   * Writes a send. The common case (boxes known, no payment, one INSERT statement) needs no
   * transaction; otherwise the payment record and the rows commit together or not at all.
   */
  private async store(
    sender: string,
    cmd: SendMessageCommand,
    rows: NewMessage[],
    at: Date,
    payment: VerifiedPayment,
  ): Promise<NewMessage[]> {
    const messageBox = cmd.messageBox;
    const owners = [...new Set(rows.map((r) => r.recipient))];
    const boxIds =
      this.repository.cachedBoxIds(messageBox, owners) ??
      (await this.transactions.single((runner) =>
        this.repository.boxIds.ensure(runner, messageBox, owners, at),
      ));
    if (!payment.record && this.repository.insertStatements(rows) === 1) {
      return this.transactions.single((runner) => this.repository.insert(runner, boxIds, rows, at));
    }
    const record = payment.record;
    return this.transactions.run(async (manager) => {
      if (record) {
        const first = cmd.pairs[0];
        const outcome = await this.ledger.record(manager, record, {
          sender,
          messageBox,
          paidFor: `${first.recipient}:${first.messageId}`,
          digest: sendDigest({ sender, messageBox, pairs: cmd.pairs, body: cmd.body }),
        });
        // The identical send was stored when it was paid: answer as then, write nothing.
        if (outcome === 'retry') return [];
      }
      return this.repository.insert(manager.queryRunner!, boxIds, rows, at);
    });
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

  async list(identityKey: string, q: ListMessagesQuery) {
    const boxId = await this.repository.findBoxId(identityKey, q.messageBox);
    if (boxId === undefined) return { status: 'success' as const, messages: [] };
    const page = await this.repository.page(
      identityKey,
      boxId,
      q.limit,
      this.budgets.pageBytes,
      q.cursor,
    );
    return {
      status: 'success' as const,
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

  async acknowledge(identityKey: string, messageIds: string[]) {
    const deleted = await this.transactions.single((runner) =>
      this.repository.deleteReceived(runner, identityKey, messageIds),
    );
    if (deleted === 0) throw new AppError('ERR_INVALID_ACKNOWLEDGMENT', 'Message not found!');
    this.events.publish('messages.acknowledged', { recipient: identityKey, count: deleted });
    return { status: 'success' as const };
  }
}
