import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IdentityKey } from '../auth/identity-key.decorator';
import { LimitsConfig } from '../config/configuration';
import { ApiAuthenticatedErrors } from '../docs/api-errors.decorator';
import { BRC104_SECURITY } from '../docs/openapi.setup';
import { SuccessResponseDto } from '../docs/success-response.dto';
import { AcknowledgeRequestDto } from './dto/acknowledge-request.dto';
import { ListMessagesRequestDto } from './dto/list-messages-request.dto';
import { ListMessagesResponseDto } from './dto/list-messages-response.dto';
import { SendMessageRequestDto } from './dto/send-message-request.dto';
import { SendMessageResponseDto } from './dto/send-message-response.dto';
import { parseAcknowledge, parseListMessages } from './message-requests';
import { MessagesService } from './messages.service';

/**
 * Bodies stay `unknown` and are checked by the parsers in the protocol's exact order and codes;
 * the DTOs only document them.
 */
@ApiTags('messages')
@ApiSecurity(BRC104_SECURITY)
@Controller()
export class MessagesController {
  private readonly listCap: number;
  private readonly maxAckIds: number;

  constructor(
    private readonly messages: MessagesService,
    limits: LimitsConfig,
  ) {
    this.listCap = limits.listMessagesMax;
    this.maxAckIds = limits.maxAckIds;
  }

  @Post('sendMessage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Store a message for one or more recipients' })
  @ApiBody({ type: SendMessageRequestDto })
  @ApiOkResponse({ type: SendMessageResponseDto })
  @ApiAuthenticatedErrors({
    400: [
      'ERR_MESSAGE_REQUIRED',
      'ERR_INVALID_MESSAGEBOX',
      'ERR_INVALID_MESSAGE_BODY',
      'ERR_RECIPIENT_REQUIRED',
      'ERR_TOO_MANY_RECIPIENTS',
      'ERR_MESSAGEID_REQUIRED',
      'ERR_MESSAGEID_COUNT_MISMATCH',
      'ERR_INVALID_MESSAGEID',
      'ERR_INVALID_RECIPIENT_KEY',
      'ERR_MISSING_PAYMENT_TX',
      'ERR_MISSING_DELIVERY_OUTPUT',
      'ERR_INVALID_PAYMENT',
      'ERR_INSUFFICIENT_PAYMENT',
      'ERR_INSUFFICIENT_OUTPUTS',
      'ERR_MISSING_RECIPIENT_OUTPUTS',
      'ERR_PAYMENT_ALREADY_USED',
    ],
    403: ['ERR_DELIVERY_BLOCKED'],
    409: ['ERR_RECIPIENT_STORAGE_FULL', 'ERR_SENDER_STORAGE_FULL'],
    503: ['ERR_PAYMENT_VERIFICATION_UNAVAILABLE'],
  })
  send(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.messages.send(identityKey, body);
  }

  @Post('listMessages')
  @HttpCode(200)
  @ApiOperation({ summary: 'List the caller’s messages in one box, oldest first' })
  @ApiBody({ type: ListMessagesRequestDto })
  @ApiOkResponse({ type: ListMessagesResponseDto })
  @ApiAuthenticatedErrors({
    400: [
      'ERR_MESSAGEBOX_REQUIRED',
      'ERR_INVALID_MESSAGEBOX',
      'ERR_INVALID_LIMIT',
      'ERR_INVALID_CURSOR',
    ],
  })
  list(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.messages.list(identityKey, parseListMessages(body, this.listCap));
  }

  @Post('acknowledgeMessage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete the caller’s received messages by id' })
  @ApiBody({ type: AcknowledgeRequestDto })
  @ApiOkResponse({ type: SuccessResponseDto })
  @ApiAuthenticatedErrors({
    400: [
      'ERR_MESSAGE_ID_REQUIRED',
      'ERR_INVALID_MESSAGE_ID',
      'ERR_TOO_MANY_MESSAGE_IDS',
      'ERR_INVALID_ACKNOWLEDGMENT',
    ],
  })
  acknowledge(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.messages.acknowledge(identityKey, parseAcknowledge(body, this.maxAckIds));
  }
}
