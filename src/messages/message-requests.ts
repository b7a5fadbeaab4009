import { AppError } from '../common/errors/app-error';
import { isAbsent, isObject, JsonObject } from '../common/validation/json-shapes';

export interface ListMessagesQuery {
  messageBox: string;
  limit: number;
  /** Return messages stored after this cursor (an opaque id from a previous page). */
  cursor?: number;
}

/** Every code parseListMessages can refuse with (all 400); the route documents this list. */
export const LIST_MESSAGES_REQUEST_ERRORS = [
  'ERR_MESSAGEBOX_REQUIRED',
  'ERR_INVALID_MESSAGEBOX',
  'ERR_INVALID_LIMIT',
  'ERR_INVALID_CURSOR',
] as const;

/** Every code parseAcknowledge can refuse with (all 400); the route documents this list. */
export const ACKNOWLEDGE_REQUEST_ERRORS = [
  'ERR_MESSAGE_ID_REQUIRED',
  'ERR_INVALID_MESSAGE_ID',
  'ERR_TOO_MANY_MESSAGE_IDS',
] as const;

/**
 * POST /listMessages (docs/protocol/http-api.md#post-listmessages). `limit` and `cursor` are optional paging fields for
 * newer clients; the official client sends only `messageBox` and gets up to the server cap.
 */
export function parseListMessages(body: unknown, cap: number): ListMessagesQuery {
  const b: JsonObject = isObject(body) ? body : {};
  if (isAbsent(b.messageBox) || b.messageBox === '') {
    throw new AppError('ERR_MESSAGEBOX_REQUIRED', 'Please provide the name of a valid MessageBox!');
  }
  if (typeof b.messageBox !== 'string') {
    throw new AppError('ERR_INVALID_MESSAGEBOX', 'MessageBox name must be a string!');
  }
  const messageBox = b.messageBox.trim();
  if (messageBox.length === 0) {
    throw new AppError('ERR_MESSAGEBOX_REQUIRED', 'Please provide the name of a valid MessageBox!');
  }
  let limit = cap;
  if (!isAbsent(b.limit)) {
    if (typeof b.limit !== 'number' || !Number.isInteger(b.limit) || b.limit < 1 || b.limit > cap) {
      throw new AppError('ERR_INVALID_LIMIT', `limit must be an integer between 1 and ${cap}.`);
    }
    limit = b.limit;
  }
  let cursor: number | undefined;
  if (!isAbsent(b.cursor)) {
    if (typeof b.cursor !== 'string' || !/^\d{1,15}$/.test(b.cursor)) {
      throw new AppError('ERR_INVALID_CURSOR', 'cursor must be a value returned as nextCursor.');
    }
    cursor = Number(b.cursor);
  }
  return { messageBox, limit, cursor };
}

/** POST /acknowledgeMessage (docs/protocol/http-api.md#post-acknowledgemessage), blank ids refused and the list capped. */
export function parseAcknowledge(body: unknown, maxIds: number): string[] {
  const b: JsonObject = isObject(body) ? body : {};
  const ids = b.messageIds;
  if (isAbsent(ids) || (Array.isArray(ids) && ids.length === 0)) {
    throw new AppError(
      'ERR_MESSAGE_ID_REQUIRED',
      'Please provide the ID of the message(s) to acknowledge!',
    );
  }
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id.trim().length > 0)) {
    throw new AppError(
      'ERR_INVALID_MESSAGE_ID',
      'Message IDs must be formatted as an array of strings!',
    );
  }
  if (ids.length > maxIds) {
    throw new AppError(
      'ERR_TOO_MANY_MESSAGE_IDS',
      `At most ${maxIds} message IDs per acknowledgement.`,
    );
  }
  return [...new Set(ids as string[])];
}
