import { Column, Entity, Unique } from 'typeorm';
import { TimestampedEntity } from '../database/timestamp-columns';

/** The sender value stored for a box-wide rule, so that the unique key also covers those rows. */
export const BOX_WIDE_SENDER = '';

/**
 * A recipient's rule for a sender (or for everyone, `sender = ''`) and a box: fee -1 blocked,
 * 0 free, >0 price in satoshis. NULL senders would defeat the unique key (docs/protocol/http-api.md#unique-keys-and-why-they-differ), hence the sentinel.
 */
@Entity('message_permissions')
@Unique('uq_permissions_recipient_box_sender', ['recipient', 'messageBox', 'sender'])
export class MessagePermissionEntity extends TimestampedEntity {
  @Column({ type: 'varchar', length: 66 })
  recipient!: string;

  @Column({ type: 'varchar', length: 66, default: BOX_WIDE_SENDER })
  sender!: string;

  @Column({ name: 'message_box', type: 'varchar', length: 255 })
  messageBox!: string;

  @Column({ name: 'recipient_fee', type: 'integer' })
  recipientFee!: number;
}
