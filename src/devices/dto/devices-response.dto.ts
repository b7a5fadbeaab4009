import { ApiProperty } from '@nestjs/swagger';
import { DeviceDto } from './device.dto';

export class DevicesResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty({ type: [DeviceDto] })
  devices!: DeviceDto[];
}
