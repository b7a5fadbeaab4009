import { ApiProperty } from '@nestjs/swagger';

export class QuoteTotalsDto {
  @ApiProperty({ description: 'Delivery fee times the number of recipients' })
  deliveryFees!: number;

  @ApiProperty()
  recipientFees!: number;

  @ApiProperty()
  totalForPayableRecipients!: number;
}
