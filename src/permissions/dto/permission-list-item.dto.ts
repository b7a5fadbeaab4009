import { ApiProperty } from '@nestjs/swagger';
import { PermissionDto } from './permission.dto';

/** camelCase and snake_case at once: the official client reads snake_case (docs/protocol/http-api.md#both-key-spellings). */
export class PermissionListItemDto extends PermissionDto {
  @ApiProperty()
  message_box!: string;

  @ApiProperty()
  recipient_fee!: number;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}
