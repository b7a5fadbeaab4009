import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/timestamp-columns';

/**
 * Every outpoint an accepted payment spends. Payments are checked by SPV, not broadcast first,
 * so without this one coin could fund any number of different payment transactions.
 */
@Entity('payment_inputs')
export class PaymentInputEntity {
  /** "<txid>:<vout>" of the spent output. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  outpoint!: string;

  @Column({ name: 'payment_txid', type: 'varchar', length: 64 })
  paymentTxid!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}
