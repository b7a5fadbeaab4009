import { ApiProperty } from '@nestjs/swagger';

export class AcknowledgeRequestDto {
  @ApiProperty({ type: [String], description: 'Ids of the caller’s received messages to delete' })
  messageIds!: string[];
}
