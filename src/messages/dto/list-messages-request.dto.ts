import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ListMessagesRequestDto {
  @ApiProperty({ example: 'inbox' })
  messageBox!: string;

  @ApiPropertyOptional({ description: 'Page size, 1..LIST_MESSAGES_MAX (default: the cap)' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  cursor?: string;
}
