import { ApiProperty } from '@nestjs/swagger';

export class PermissionDto {
  @ApiProperty({ type: String, nullable: true, description: 'null for the box-wide rule' })
  sender!: string | null;

  @ApiProperty()
  messageBox!: string;

  @ApiProperty()
  recipientFee!: number;

  @ApiProperty({ enum: ['blocked', 'always_allow', 'payment_required'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
