import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLATFORMS } from '../register-device.request';

export class RegisterDeviceRequestDto {
  @ApiProperty({ description: 'FCM registration token, at most 500 characters' })
  fcmToken!: string;

  @ApiPropertyOptional({ description: 'Client-chosen device id, at most 255 characters' })
  deviceId?: string;

  @ApiPropertyOptional({ enum: PLATFORMS })
  platform?: string;
}
