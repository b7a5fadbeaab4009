import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../database/timestamp-columns';
import { MessageBoxEntity } from './message-box.entity';

/**
 * A stored message. The surrogate `id` gives a stable order and cheap paging; the dedupe key is
 * per sender and recipient, so one sender's chosen id can never suppress another sender's message.
 */
@Entity('messages')
@Unique('uq_messages_sender_recipient_messageid', ['sender', 'recipient', 'messageId'])
@Index('idx_messages_listing', ['recipient', 'messageBoxId', 'id'])
export class MessageEntity {
  /** BIGINT on MySQL (see dialect-column-types.ts). */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  messageId!: string;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  @Column({ type: 'integer' })
  messageBoxId!: number;

  @ManyToOne(() => MessageBoxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'messageBoxId', foreignKeyConstraintName: 'fk_messages_messagebox' })
  messageBox?: MessageBoxEntity;

  @Column({ type: 'varchar', length: 66 })
  sender!: string;

  @Column({ type: 'varchar', length: 66 })
  recipient!: string;

  /** JSON text `{"message": …, "payment"?: …}`; LONGTEXT on MySQL (see dialect-column-types.ts). */
  @Column({ type: 'text' })
  body!: string;
}
