import { ApiProperty } from '@nestjs/swagger';

export class StoredMessageDto {
  @ApiProperty()
  messageId!: string;

  @ApiProperty({ description: 'JSON text {"message": body, "payment"?: …} as stored' })
  body!: string;

  @ApiProperty({ description: 'Sender identity key' })
  sender!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
