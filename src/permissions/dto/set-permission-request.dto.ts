import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SetPermissionRequestDto {
  @ApiProperty({ example: 'notifications' })
  messageBox!: string;

  @ApiProperty({ description: '-1 blocked, 0 free, n satoshis (at most 2147483647)' })
  recipientFee!: number;

  @ApiPropertyOptional({ description: 'Sender identity key; omitted: the box-wide rule' })
  sender?: string;
}
