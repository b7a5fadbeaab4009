import { ApiProperty } from '@nestjs/swagger';

export class SingleQuoteDto {
  @ApiProperty({ description: 'Server delivery fee in satoshis' })
  deliveryFee!: number;

  @ApiProperty({ description: '-1 blocked, 0 free, n satoshis' })
  recipientFee!: number;
}
