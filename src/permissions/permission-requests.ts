import { AppError } from '../common/errors/app-error';
import { normaliseIdentityKey } from '../common/validation/identity-key';
import { isAbsent, isObject, JsonObject } from '../common/validation/json-shapes';
import { BLOCKED_FEE, MAX_FEE } from './permission-status';
import { isBoxNameLength } from '../common/validation/protocol-formats';

type KeyCheck = (hex: string) => boolean;

export interface SetPermissionCommand {
  messageBox: string;
  recipientFee: number;
  /** Normalised sender key, or undefined for the box-wide rule. */
  sender?: string;
}

/**
 * What each parser here can refuse with (all 400). The routes document these lists, and a unit
 * test checks them against the codes in this file.
 */
export const SET_PERMISSION_REQUEST_ERRORS = [
  'ERR_INVALID_REQUEST',
  'ERR_INVALID_PUBLIC_KEY',
  'ERR_INVALID_FEE_VALUE',
  'ERR_INVALID_MESSAGE_BOX',
] as const;
export const GET_PERMISSION_REQUEST_ERRORS = [
  'ERR_MISSING_PARAMETERS',
  'ERR_INVALID_PARAMETER',
  'ERR_INVALID_PUBLIC_KEY',
] as const;
export const LIST_PERMISSIONS_REQUEST_ERRORS = [
  'ERR_INVALID_PARAMETER',
  'ERR_INVALID_LIMIT',
  'ERR_INVALID_OFFSET',
] as const;
export const QUOTE_REQUEST_ERRORS = [
  'ERR_MISSING_PARAMETERS',
  'ERR_INVALID_PARAMETER',
  'ERR_TOO_MANY_RECIPIENTS',
  'ERR_INVALID_PUBLIC_KEY',
] as const;

const invalidKey = (description = 'Invalid sender public key format.') =>
  new AppError('ERR_INVALID_PUBLIC_KEY', description);

/** POST /permissions/set, in the reference server's validation order (docs/protocol/http-api.md#post-permissionsset). */
export function parseSetPermission(body: unknown, isValidKey: KeyCheck): SetPermissionCommand {
  const b: JsonObject = isObject(body) ? body : {};
  if (isAbsent(b.messageBox) || typeof b.recipientFee !== 'number') {
    throw new AppError(
      'ERR_INVALID_REQUEST',
      'messageBox (string) and recipientFee (number) are required. sender (string) is optional for box-wide settings.',
    );
  }
  let sender: string | undefined;
  if (!isAbsent(b.sender)) {
    sender = normaliseIdentityKey(b.sender, isValidKey);
    if (!sender) throw invalidKey();
  }
  const fee = b.recipientFee;
  if (!Number.isInteger(fee) || fee < BLOCKED_FEE || fee > MAX_FEE) {
    throw new AppError(
      'ERR_INVALID_FEE_VALUE',
      `recipientFee must be an integer (-1, 0, or positive number up to ${MAX_FEE}).`,
    );
  }
  const messageBox = typeof b.messageBox === 'string' ? b.messageBox.trim() : '';
  if (!isBoxNameLength(messageBox)) {
    throw new AppError('ERR_INVALID_MESSAGE_BOX', 'messageBox must be a non-empty string.');
  }
  return { messageBox, recipientFee: fee, sender };
}

/** A query parameter that must be one scalar string: repeated keys arrive as arrays. */
function scalar(query: JsonObject, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new AppError('ERR_INVALID_PARAMETER', `${name} must be given once, as a string.`);
  }
  return value;
}

export interface GetPermissionQuery {
  messageBox: string;
  sender?: string;
}

/** GET /permissions/get (docs/protocol/http-api.md#get-permissionsget); `recipient` is ignored: it is always the caller. */
export function parseGetPermission(query: unknown, isValidKey: KeyCheck): GetPermissionQuery {
  const q: JsonObject = isObject(query) ? query : {};
  const box = scalar(q, 'messageBox')?.trim();
  if (!box) throw new AppError('ERR_MISSING_PARAMETERS', 'messageBox parameter is required.');
  const rawSender = scalar(q, 'sender');
  if (rawSender === undefined) return { messageBox: box };
  const sender = normaliseIdentityKey(rawSender, isValidKey);
  if (!sender) throw invalidKey();
  return { messageBox: box, sender };
}

export interface ListPermissionsQuery {
  messageBox?: string;
  limit: number;
  offset: number;
  createdAtOrder: 'ASC' | 'DESC';
}

/** GET /permissions/list: both filter spellings (the official client sends message_box, docs/protocol/http-api.md#both-key-spellings). */
export function parseListPermissions(query: unknown): ListPermissionsQuery {
  const q: JsonObject = isObject(query) ? query : {};
  const box = (scalar(q, 'messageBox') ?? scalar(q, 'message_box'))?.trim();
  const rawLimit = scalar(q, 'limit');
  const rawOffset = scalar(q, 'offset');
  const limit = rawLimit === undefined ? 100 : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= 1000)) {
    throw new AppError('ERR_INVALID_LIMIT', 'Limit must be a number between 1 and 1000');
  }
  const offset = rawOffset === undefined ? 0 : /^\d+$/.test(rawOffset) ? Number(rawOffset) : NaN;
  if (!(offset >= 0 && Number.isSafeInteger(offset))) {
    throw new AppError('ERR_INVALID_OFFSET', 'Offset must be a non-negative number');
  }
  const order = scalar(q, 'createdAtOrder');
  return {
    messageBox: box || undefined,
    limit,
    offset,
    createdAtOrder: order === 'asc' ? 'ASC' : 'DESC',
  };
}

export interface QuoteQuery {
  messageBox: string;
  recipients: string[];
  /** True when the caller gave exactly one recipient: the legacy single-quote shape is returned. */
  single: boolean;
}

/** GET /permissions/quote with one or repeated `recipient` keys (docs/protocol/http-api.md#get-permissionsquote). */
export function parseQuote(
  query: unknown,
  isValidKey: KeyCheck,
  maxRecipients: number,
): QuoteQuery {
  const q: JsonObject = isObject(query) ? query : {};
  const raw = q.recipient ?? q['recipient[]'];
  const box = scalar(q, 'messageBox')?.trim();
  if (raw === undefined || !box) {
    throw new AppError(
      'ERR_MISSING_PARAMETERS',
      'recipient and messageBox parameters are required.',
    );
  }
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (list.length === 0)
    throw new AppError('ERR_MISSING_PARAMETERS', 'At least one recipient is required.');
  if (list.length > maxRecipients) {
    throw new AppError(
      'ERR_TOO_MANY_RECIPIENTS',
      `At most ${maxRecipients} recipients per request.`,
    );
  }
  const keys = list.map((r) => normaliseIdentityKey(r, isValidKey));
  const bad = keys.flatMap((k, i) => (k ? [] : [i]));
  if (bad.length > 0)
    throw invalidKey(`Invalid recipient public key at index(es): ${bad.join(', ')}.`);
  return { messageBox: box, recipients: keys as string[], single: list.length === 1 };
}
