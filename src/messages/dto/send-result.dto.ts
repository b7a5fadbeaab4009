import { ApiProperty } from '@nestjs/swagger';

export class SendResultDto {
  @ApiProperty()
  recipient!: string;

  @ApiProperty()
  messageId!: string;
}
