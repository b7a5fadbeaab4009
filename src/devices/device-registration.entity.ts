import { Column, Entity, Index, Unique } from 'typeorm';
import { TimestampedEntity } from '../database/timestamp-columns';

/** A push target (FCM token) of one identity (docs/protocol/http-api.md#tables). */
@Entity('device_registrations')
@Unique('uq_devices_fcm_token', ['fcmToken'])
@Index('idx_devices_identity_active', ['identityKey', 'active'])
export class DeviceRegistrationEntity extends TimestampedEntity {
  @Column({ name: 'identity_key', type: 'varchar', length: 66 })
  identityKey!: string;

  @Column({ name: 'fcm_token', type: 'varchar', length: 500 })
  fcmToken!: string;

  @Column({ name: 'device_id', type: 'varchar', length: 255, nullable: true })
  deviceId!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  platform!: string | null;

  @Column({ name: 'last_used', type: 'datetime', precision: 3, nullable: true })
  lastUsed!: Date | null;

  @Column({ type: 'boolean', width: 1 })
  active!: boolean;
}
