import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/timestamp-columns';

const satoshis = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * A server delivery fee received: everything the operator needs to sweep it (the transaction and
 * the BRC-29 derivation of the key it pays to).
 */
@Entity('delivery_payments')
export class DeliveryPaymentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  txid!: string;

  @Column({ type: 'integer' })
  vout!: number;

  @Column({ type: 'bigint', transformer: satoshis })
  satoshis!: number;

  @Column({ name: 'message_box', type: 'varchar', length: 255 })
  messageBox!: string;

  @Column({ type: 'varchar', length: 66 })
  sender!: string;

  @Column({ name: 'sender_identity_key', type: 'varchar', length: 66 })
  senderIdentityKey!: string;

  @Column({ name: 'derivation_prefix', type: 'varchar', length: 255 })
  derivationPrefix!: string;

  @Column({ name: 'derivation_suffix', type: 'varchar', length: 255 })
  derivationSuffix!: string;

  /** The Atomic BEEF, base64; LONGTEXT on MySQL (see dialect-column-types.ts). */
  @Column({ type: 'text' })
  beef!: string;

  @CreatedAtColumn()
  createdAt!: Date;

  /** Outbox state for the server's wallet: pending, internalized or failed (fee-collector.ts). */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: FeeStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'internalized_at', type: 'datetime', precision: 3, nullable: true })
  internalizedAt!: Date | null;
}

export type FeeStatus = 'pending' | 'internalized' | 'failed';
