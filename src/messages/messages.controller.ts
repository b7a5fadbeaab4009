import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IdentityKey } from '../auth/identity-key.decorator';
import { LimitsConfig } from '../config/configuration';
import { ApiAuthenticatedErrors } from '../operations/docs/api-errors.decorator';
import { BRC104_SECURITY } from '../operations/docs/openapi.setup';
import { SuccessResponseDto } from '../operations/docs/success-response.dto';
import { PAYMENT_REFUSALS } from '../payments/payment-errors';
import { AcknowledgeRequestDto } from './dto/acknowledge-request.dto';
import { ListMessagesRequestDto } from './dto/list-messages-request.dto';
import { ListMessagesResponseDto } from './dto/list-messages-response.dto';
import { SendMessageRequestDto } from './dto/send-message-request.dto';
import { SendMessageResponseDto } from './dto/send-message-response.dto';
import { STORAGE_REFUSALS } from './message-budgets';
import {
  ACKNOWLEDGE_REQUEST_ERRORS,
  LIST_MESSAGES_REQUEST_ERRORS,
  parseAcknowledge,
  parseListMessages,
} from './message-requests';
import { ACKNOWLEDGE_REFUSALS, MessagesService, SEND_REFUSALS } from './messages.service';
import { SendMessageParser } from './send-message.parser';
import { SEND_MESSAGE_REQUEST_ERRORS } from './send-message.request';

/**
 * Bodies arrive `unknown` and are parsed here, at the edge, in the protocol's exact order and
 * codes; the service takes only typed commands. The DTOs only document the bodies, and each
 * route's documented errors are the lists its parser and service export, so they cannot drift.
 */
@ApiTags('messages')
@ApiSecurity(BRC104_SECURITY)
@Controller()
export class MessagesController {
  private readonly listCap: number;
  private readonly maxAckIds: number;

  constructor(
    private readonly messages: MessagesService,
    private readonly sendParser: SendMessageParser,
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
    ...PAYMENT_REFUSALS,
    400: [...SEND_MESSAGE_REQUEST_ERRORS, ...PAYMENT_REFUSALS[400]],
    ...SEND_REFUSALS,
    409: STORAGE_REFUSALS,
  })
  send(@IdentityKey() identityKey: string, @Body() body: unknown): Promise<SendMessageResponseDto> {
    return this.messages.send(identityKey, this.sendParser.fromHttp(body));
  }

  @Post('listMessages')
  @HttpCode(200)
  @ApiOperation({ summary: 'List the caller’s messages in one box, oldest first' })
  @ApiBody({ type: ListMessagesRequestDto })
  @ApiOkResponse({ type: ListMessagesResponseDto })
  @ApiAuthenticatedErrors({ 400: LIST_MESSAGES_REQUEST_ERRORS })
  list(
    @IdentityKey() identityKey: string,
    @Body() body: unknown,
  ): Promise<ListMessagesResponseDto> {
    return this.messages.list(identityKey, parseListMessages(body, this.listCap));
  }

  @Post('acknowledgeMessage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete the caller’s received messages by id' })
  @ApiBody({ type: AcknowledgeRequestDto })
  @ApiOkResponse({ type: SuccessResponseDto })
  @ApiAuthenticatedErrors({
    400: [...ACKNOWLEDGE_REQUEST_ERRORS, ...ACKNOWLEDGE_REFUSALS[400]],
  })
  acknowledge(
    @IdentityKey() identityKey: string,
    @Body() body: unknown,
  ): Promise<SuccessResponseDto> {
    return this.messages.acknowledge(identityKey, parseAcknowledge(body, this.maxAckIds));
  }
}
