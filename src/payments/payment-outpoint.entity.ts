import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/timestamp-columns';

/**
 * Every output that has paid for a delivery (server fee or recipient fee). The primary key makes a
 * second use of the same output impossible (docs/protocol/fees-and-payments.md#no-payment-pays-twice); the message it paid for lets an
 * identical retry of that send be recognised.
 */
@Entity('payment_outpoints')
export class PaymentOutpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  txid!: string;

  @PrimaryColumn({ type: 'integer' })
  vout!: number;

  @Column({ type: 'varchar', length: 66 })
  sender!: string;

  /** "<recipient>:<messageId>" of the first message of the send it paid for. */
  @Column({ name: 'paid_for', type: 'varchar', length: 330 })
  paidFor!: string;

  /** SHA-256 of the whole send it paid for (see send-digest.ts); null on rows from before it. */
  @Column({ name: 'send_digest', type: 'varchar', length: 64, nullable: true })
  sendDigest!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
