import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { paymentError } from './payment-errors';
import { DeliveryPaymentEntity } from './delivery-payment.entity';
import { PaymentOutpointEntity } from './payment-outpoint.entity';
import { PaymentRecord } from './payment-verifier';

export interface PaidSend {
  sender: string;
  messageBox: string;
  /** "<recipient>:<messageId>" of the first message of the send. */
  paidFor: string;
}

/**
 * Records, inside the send transaction, every output a payment used and any delivery fee received.
 * An output that already paid for something else is refused (no payment pays twice); the same
 * send retried with the same payment is recognised and recorded once.
 */
@Injectable()
export class PaymentLedger {
  async record(manager: EntityManager, record: PaymentRecord, send: PaidSend): Promise<void> {
    const used = await manager.find(PaymentOutpointEntity, {
      where: { txid: record.txid, vout: In(record.vouts) },
    });
    if (used.length > 0) {
      const sameSend = used.every((u) => u.paidFor === send.paidFor && u.sender === send.sender);
      if (sameSend && used.length === record.vouts.length) return;
      throw paymentError(
        'ERR_PAYMENT_ALREADY_USED',
        'This payment has already paid for another delivery.',
      );
    }
    const now = new Date();
    await manager.insert(
      PaymentOutpointEntity,
      record.vouts.map((vout) => ({
        txid: record.txid,
        vout,
        sender: send.sender,
        paidFor: send.paidFor,
        createdAt: now,
      })),
    );
    if (record.delivery) {
      const d = record.delivery;
      await manager.insert(DeliveryPaymentEntity, {
        txid: d.txid,
        vout: d.vout,
        satoshis: d.satoshis,
        messageBox: send.messageBox,
        sender: send.sender,
        senderIdentityKey: d.senderIdentityKey,
        derivationPrefix: d.derivationPrefix,
        derivationSuffix: d.derivationSuffix,
        beef: d.beefBase64,
        createdAt: now,
      });
    }
  }
}
