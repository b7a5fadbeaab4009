import { Column, Entity, Unique } from 'typeorm';
import { TimestampedEntity } from '../database/timestamp-columns';

/** The server's own delivery fee per box name, in satoshis (docs/protocol/http-api.md#tables). */
@Entity('server_fees')
@Unique('uq_server_fees_message_box', ['messageBox'])
export class ServerFeeEntity extends TimestampedEntity {
  @Column({ name: 'message_box', type: 'varchar', length: 255 })
  messageBox!: string;

  @Column({ name: 'delivery_fee', type: 'integer' })
  deliveryFee!: number;
}
