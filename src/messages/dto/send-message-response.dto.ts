import { ApiProperty } from '@nestjs/swagger';
import { SendResultDto } from './send-result.dto';

export class SendMessageResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty({ example: 'Your message has been sent to 1 recipient(s).' })
  message!: string;

  @ApiProperty({ type: [SendResultDto] })
  results!: SendResultDto[];
}
