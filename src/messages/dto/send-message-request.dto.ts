import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OutgoingMessageDto } from './outgoing-message.dto';

/** Body of POST /sendMessage; validated by parseSendMessage, documented here. */
export class SendMessageRequestDto {
  @ApiProperty({ type: OutgoingMessageDto })
  message!: OutgoingMessageDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Delivery payment (Atomic BEEF and outputs) when the box or a recipient charges',
  })
  payment?: Record<string, unknown>;
}
