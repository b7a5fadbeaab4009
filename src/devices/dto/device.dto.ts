import { ApiProperty } from '@nestjs/swagger';
import { PLATFORMS } from '../register-device.request';

export class DeviceDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ type: String, nullable: true })
  deviceId!: string | null;

  @ApiProperty({ enum: PLATFORMS, nullable: true })
  platform!: string | null;

  @ApiProperty({ description: 'Masked: only the last 10 characters', example: '...abcdef1234' })
  fcmToken!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsed!: string | null;
}
