import { Injectable } from '@nestjs/common';
import { EntityManager, In, QueryFailedError } from 'typeorm';
import { paymentError } from './payment-errors';
import { DeliveryPaymentEntity } from './delivery-payment.entity';
import { PaymentInputEntity } from './payment-input.entity';
import { PaymentOutpointEntity } from './payment-outpoint.entity';
import { PaymentRecord } from './payment-verifier';

export interface PaidSend {
  sender: string;
  messageBox: string;
  /** "<recipient>:<messageId>" of the first message of the send (kept for operators). */
  paidFor: string;
  /** sendDigest() of the whole send. */
  digest: string;
}

/** `retry`: the identical send was already paid and stored; nothing may be written again. */
export type LedgerOutcome = 'recorded' | 'retry';

const alreadyUsed = () =>
  paymentError('ERR_PAYMENT_ALREADY_USED', 'This payment has already paid for another delivery.');

/**
 * Records, inside the send transaction, every output a payment used (with the digest of the send
 * it paid for), every input it spends, and any delivery fee received. A payment pays for exactly
 * one send: the identical send again is recognised as a retry; any other use of one of its
 * outputs, or another payment spending one of its inputs, is refused.
 */
@Injectable()
export class PaymentLedger {
  async record(
    manager: EntityManager,
    record: PaymentRecord,
    send: PaidSend,
  ): Promise<LedgerOutcome> {
    const used = await manager.find(PaymentOutpointEntity, {
      where: { txid: record.txid, vout: In(record.vouts) },
    });
    if (used.length > 0) {
      const identical =
        used.length === record.vouts.length &&
        used.every((u) => u.sender === send.sender && u.sendDigest === send.digest);
      if (identical) return 'retry';
      throw alreadyUsed();
    }
    if (record.spends.length > 0) {
      const spent = await manager.count(PaymentInputEntity, {
        where: { outpoint: In(record.spends) },
      });
      if (spent > 0) throw alreadyUsed();
    }
    const now = new Date();
    try {
      await manager.insert(
        PaymentOutpointEntity,
        record.vouts.map((vout) => ({
          txid: record.txid,
          vout,
          sender: send.sender,
          paidFor: send.paidFor,
          sendDigest: send.digest,
          createdAt: now,
        })),
      );
      if (record.spends.length > 0) {
        await manager.insert(
          PaymentInputEntity,
          record.spends.map((outpoint) => ({ outpoint, paymentTxid: record.txid, createdAt: now })),
        );
      }
    } catch (error) {
      // A concurrent send with the same payment or coin committed first.
      if (error instanceof QueryFailedError) throw alreadyUsed();
      throw error;
    }
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
    return 'recorded';
  }
}
