import { Injectable } from '@nestjs/common';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { JsonObject } from '../common/validation/json-shapes';
import { LimitsConfig } from '../config/configuration';
import {
  parseOutgoingMessage,
  parseSendMessage,
  SendLimits,
  SendMessageCommand,
} from './send-message.request';

/**
 * Turns what arrives at an edge (the HTTP /sendMessage body, a Socket.IO sendMessage) into the
 * typed SendMessageCommand MessagesService takes, with the configured limits. The service never
 * sees an unchecked request.
 */
@Injectable()
export class SendMessageParser {
  private readonly limits: SendLimits;

  constructor(crypto: CryptoProvider, limits: LimitsConfig) {
    this.limits = {
      maxRecipients: limits.maxRecipientsPerSend,
      isValidKey: (hex) => crypto.isValidPublicKey(hex),
    };
  }

  /** The JSON body of POST /sendMessage (docs/protocol/http-api.md#sendmessage-validation-order). */
  fromHttp(body: unknown): SendMessageCommand {
    return parseSendMessage(body, this.limits);
  }

  /**
   * A live send's message, for the box of the room it was sent in: one recipient, never paid;
   * any other field of the socket payload is ignored (docs/protocol/realtime.md#client-events).
   */
  fromSocket(message: JsonObject, messageBox: string): SendMessageCommand {
    const { recipient, messageId, body } = message;
    return parseOutgoingMessage({ recipient, messageBox, messageId, body }, undefined, this.limits);
  }
}
