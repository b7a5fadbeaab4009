import { ApiProperty } from '@nestjs/swagger';

export class RecipientQuoteDto {
  @ApiProperty()
  recipient!: string;

  @ApiProperty()
  messageBox!: string;

  @ApiProperty()
  deliveryFee!: number;

  @ApiProperty()
  recipientFee!: number;

  @ApiProperty({ enum: ['blocked', 'always_allow', 'payment_required'] })
  status!: string;
}
