import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { IdentityKey } from '../auth/identity-key.decorator';
import { EnvironmentVariables } from '../config/environment-variables';
import { parseAcknowledge, parseListMessages } from './message-requests';
import { MessagesService } from './messages.service';

@Controller()
export class MessagesController {
  private readonly listCap: number;
  private readonly maxAckIds: number;

  constructor(
    private readonly messages: MessagesService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.listCap = config.get('LIST_MESSAGES_MAX', { infer: true });
    this.maxAckIds = config.get('MAX_ACK_IDS', { infer: true });
  }

  @Post('sendMessage')
  @HttpCode(200)
  send(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.messages.send(identityKey, body);
  }

  @Post('listMessages')
  @HttpCode(200)
  list(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.messages.list(identityKey, parseListMessages(body, this.listCap));
  }

  @Post('acknowledgeMessage')
  @HttpCode(200)
  acknowledge(@IdentityKey() identityKey: string, @Body() body: unknown) {
    return this.messages.acknowledge(identityKey, parseAcknowledge(body, this.maxAckIds));
  }
}
