import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-codes';
import { normaliseIdentityKey } from '../common/validation/identity-key';
import { isAbsent, isObject, JsonObject } from '../common/validation/json-shapes';
import { isBoxNameLength } from '../common/validation/protocol-formats';

export interface SendMessageCommand {
  messageBox: string;
  /** As received: a non-blank string or a JSON object/array. */
  body: string | object;
  /** Recipient and messageId pairs, in request order. */
  pairs: Array<{ recipient: string; messageId: string }>;
  /** The request's `payment`, untouched; only looked at when the delivery needs one. */
  payment: unknown;
}

/**
 * Every code parseSendMessage can refuse with (all 400). The route's OpenAPI errors are built
 * from this list, and a unit test checks it against the codes in this file.
 */
export const SEND_MESSAGE_REQUEST_ERRORS = [
  'ERR_MESSAGE_REQUIRED',
  'ERR_INVALID_MESSAGEBOX',
  'ERR_INVALID_MESSAGE_BODY',
  'ERR_RECIPIENT_REQUIRED',
  'ERR_TOO_MANY_RECIPIENTS',
  'ERR_MESSAGEID_REQUIRED',
  'ERR_MESSAGEID_COUNT_MISMATCH',
  'ERR_INVALID_MESSAGEID',
  'ERR_INVALID_RECIPIENT_KEY',
] as const;

export interface SendLimits {
  maxRecipients: number;
  isValidKey: (hex: string) => boolean;
}

const MAX_ID = 255;
const err = (code: ErrorCode, description: string) => new AppError(code, description);

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? (value as unknown[]) : [value];

/**
 * POST /sendMessage validation in the reference server's order and codes (docs/protocol/http-api.md#sendmessage-validation-order),
 * plus the recommended limits, compressed-key check and lowercase normalisation.
 */
export function parseSendMessage(request: unknown, limits: SendLimits): SendMessageCommand {
  const r: JsonObject = isObject(request) ? request : {};
  const m = r.message;
  if (isAbsent(m)) throw err('ERR_MESSAGE_REQUIRED', 'Please provide a valid message to send!');
  return parseOutgoingMessage(isObject(m) ? m : {}, r.payment, limits);
}

/**
 * The `message` object of a send (HTTP body field, or the Socket.IO sendMessage payload with its
 * room's box), checked in the same order and with the same codes as parseSendMessage.
 */
export function parseOutgoingMessage(
  message: JsonObject,
  payment: unknown,
  limits: SendLimits,
): SendMessageCommand {
  const box = typeof message.messageBox === 'string' ? message.messageBox.trim() : '';
  if (!isBoxNameLength(box)) throw err('ERR_INVALID_MESSAGEBOX', 'Invalid message box.');

  const body = message.body;
  const bodyOk =
    typeof body === 'string' ? body.trim().length > 0 : typeof body === 'object' && body !== null;
  if (!bodyOk) throw err('ERR_INVALID_MESSAGE_BODY', 'Invalid message body.');

  const rawRecipients = isAbsent(message.recipients) ? message.recipient : message.recipients;
  if (isAbsent(rawRecipients)) {
    throw err(
      'ERR_RECIPIENT_REQUIRED',
      'Missing recipient(s). Provide "recipient" or "recipients".',
    );
  }
  const recipients = asList(rawRecipients);
  if (recipients.length === 0) {
    throw err(
      'ERR_RECIPIENT_REQUIRED',
      'Missing recipient(s). Provide "recipient" or "recipients".',
    );
  }
  if (recipients.length > limits.maxRecipients) {
    throw err('ERR_TOO_MANY_RECIPIENTS', `At most ${limits.maxRecipients} recipients per message.`);
  }

  if (isAbsent(message.messageId)) throw err('ERR_MESSAGEID_REQUIRED', 'Missing messageId.');
  const ids = asList(message.messageId);
  if (recipients.length > 1 && !Array.isArray(message.messageId)) {
    throw err(
      'ERR_MESSAGEID_COUNT_MISMATCH',
      `Provided 1 messageId for ${recipients.length} recipients. Provide one messageId per recipient (same order).`,
    );
  }
  if (ids.length !== recipients.length) {
    throw err(
      'ERR_MESSAGEID_COUNT_MISMATCH',
      `Recipients (${recipients.length}) and messageId count (${ids.length}) must match.`,
    );
  }
  for (const id of ids) {
    if (typeof id !== 'string' || id.trim().length === 0 || id.length > MAX_ID) {
      throw err(
        'ERR_INVALID_MESSAGEID',
        `Each messageId must be a non-empty string of at most ${MAX_ID} characters.`,
      );
    }
  }

  const pairs = recipients.map((raw, i) => {
    const recipient = normaliseIdentityKey(raw, limits.isValidKey);
    if (!recipient)
      throw err('ERR_INVALID_RECIPIENT_KEY', `Invalid recipient key: ${describe(raw)}`);
    return { recipient, messageId: ids[i] as string };
  });
  return { messageBox: box, body: body as string | object, pairs, payment };
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
