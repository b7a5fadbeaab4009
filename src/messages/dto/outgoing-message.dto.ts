import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `message` of POST /sendMessage (docs/protocol/http-api.md#sendmessage-request-body); documentation only. */
export class OutgoingMessageDto {
  @ApiProperty({ description: 'Box name at the recipient, 1–255 characters', example: 'inbox' })
  messageBox!: string;

  @ApiProperty({
    description: 'Non-blank string or any JSON object (usually an encrypted payload)',
    oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: true }],
  })
  body!: string | object;

  @ApiPropertyOptional({ description: 'One recipient identity key (66 hex, compressed)' })
  recipient?: string;

  @ApiPropertyOptional({ type: [String], description: 'Several recipients (used when present)' })
  recipients?: string[];

  @ApiProperty({
    description: 'One id per recipient, in the same order; a resend with the same id is a no-op',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  messageId!: string | string[];
}
