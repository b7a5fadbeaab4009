import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { AppError } from '../common/errors/app-error';
import { EventBus } from '../common/events/event-bus';
import { EnvironmentVariables } from '../config/environment-variables';
import { TransactionRunner } from '../database/transaction-runner';
import { requirePayment } from '../payments/payment-presence';
import { PaymentVerifier } from '../payments/payment-verifier';
import { RecipientFeesService } from '../permissions/recipient-fees.service';
import { ServerFeesService } from '../permissions/server-fees.service';
import { ListMessagesQuery } from './message-requests';
import { MessagesRepository } from './messages.repository';
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
    private readonly recipientFees: RecipientFeesService,
    private readonly serverFees: ServerFeesService,
    private readonly payments: PaymentVerifier,
    private readonly events: EventBus,
    crypto: CryptoProvider,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.maxRecipients = config.get('MAX_RECIPIENTS_PER_SEND', { infer: true });
    this.isValidKey = (hex) => crypto.isValidPublicKey(hex);
  }

  /** `request` is the /sendMessage JSON body; `sender` the verified caller. */
  async send(sender: string, request: unknown): Promise<SendMessageResult> {
    const cmd = parseSendMessage(request, {
      maxRecipients: this.maxRecipients,
      isValidKey: this.isValidKey,
    });
    const payments = await this.checkFees(sender, cmd);
    const at = new Date();
    const rows = cmd.pairs.map(({ recipient, messageId }) => ({
      messageId,
      sender,
      recipient,
      body: storedBody(cmd.body, payments.get(recipient)),
    }));
    const created = await this.transactions.run((manager) =>
      this.repository.store(manager, cmd.messageBox, rows, at),
    );
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

  /** Refuses blocked deliveries; verifies payment when one is due. Returns stored payment parts. */
  private async checkFees(
    sender: string,
    cmd: SendMessageCommand,
  ): Promise<Map<string, Record<string, unknown>>> {
    const recipients = cmd.pairs.map((p) => p.recipient);
    const [deliveryFee, fees] = await Promise.all([
      this.serverFees.deliveryFee(cmd.messageBox),
      this.recipientFees.feesFor(sender, cmd.messageBox, recipients),
    ]);
    const blocked = [...fees].filter(([, fee]) => fee === -1).map(([r]) => r);
    if (blocked.length > 0) {
      throw new AppError('ERR_DELIVERY_BLOCKED', `Blocked recipients: ${blocked.join(', ')}`, 403, {
        blockedRecipients: blocked,
      });
    }
    const feeRecipients = recipients
      .filter((r) => fees.get(r)! > 0)
      .map((r) => ({ recipient: r, fee: fees.get(r)! }));
    if (deliveryFee <= 0 && feeRecipients.length === 0) return new Map();
    const payment = requirePayment(cmd.payment, deliveryFee);
    const verified = await this.payments.verify({
      sender,
      messageBox: cmd.messageBox,
      deliveryFee,
      feeRecipients,
      payment,
    });
    return verified.storedPaymentFor;
  }

  async list(identityKey: string, q: ListMessagesQuery) {
    const box = await this.repository.findBoxId(identityKey, q.messageBox);
    if (!box) return { status: 'success' as const, messages: [] };
    const rows = await this.repository.page(identityKey, box.messageBoxId, q.limit, q.cursor);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    return {
      status: 'success' as const,
      messages: page.map((m) => ({
        messageId: m.messageId,
        body: m.body,
        sender: m.sender,
        createdAt: m.createdAt.toISOString(),
        updatedAt: m.updatedAt.toISOString(),
      })),
      ...(more ? { nextCursor: String(page[page.length - 1].id) } : {}),
    };
  }

  async acknowledge(identityKey: string, messageIds: string[]) {
    const deleted = await this.transactions.run((manager) =>
      this.repository.deleteReceived(manager, identityKey, messageIds),
    );
    if (deleted === 0) throw new AppError('ERR_INVALID_ACKNOWLEDGMENT', 'Message not found!', 400);
    return { status: 'success' as const };
  }
}
