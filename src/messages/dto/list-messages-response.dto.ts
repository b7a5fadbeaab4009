import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { StoredMessageDto } from './stored-message.dto';

export class ListMessagesResponseDto {
  @ApiProperty({ enum: ['success'] })
  status!: 'success';

  @ApiProperty({ type: [StoredMessageDto], description: 'Oldest first' })
  messages!: StoredMessageDto[];

  @ApiPropertyOptional({ description: 'Present when more messages follow' })
  nextCursor?: string;
}
