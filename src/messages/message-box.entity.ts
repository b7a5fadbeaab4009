import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../database/timestamp-columns';

/** One row per (owner identity, box name); created lazily by the first send (docs/protocol/http-api.md#tables). */
@Entity('messageBox')
@Unique('uq_messagebox_type_identity', ['type', 'identityKey'])
export class MessageBoxEntity {
  @PrimaryGeneratedColumn({ type: 'integer', name: 'messageBoxId' })
  messageBoxId!: number;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;

  /** The box name, e.g. `inbox` (the seed server calls it "type"). */
  @Column({ type: 'varchar', length: 255 })
  type!: string;

  /** The owner, who is the recipient of every message in the box. */
  @Column({ type: 'varchar', length: 66 })
  identityKey!: string;
}
