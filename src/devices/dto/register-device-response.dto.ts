import { ApiProperty } from '@nestjs/swagger';

export class RegisterDeviceResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'Server id of the registration' })
  deviceId!: number;
}
