/**
 * The closed catalogue: every error code this server emits, over HTTP or in a Socket.IO ack, and
 * its HTTP status (docs/protocol/http-api.md#error-code-catalogue). Codes are stable API: clients
 * compare them as strings, so spellings that look like typos stay as they are
 * (docs/protocol/http-api.md#error-codes-that-differ-by-an-underscore). A new code is added here,
 * to the catalogue table of that page, and thrown as a literal; test/unit/error-catalogue.spec.ts
 * fails when any of the three disagree.
 */
export const ERROR_STATUS = {
  // BRC-103/104 and the HTTP pipeline, before or around every handler.
  UNAUTHORIZED: 401,
  ERR_AUTH_REQUIRED: 401,
  ERR_INVALID_AUTH_MESSAGE: 400,
  ERR_RESPONSE_SIGNING_FAILED: 500,
  ERR_INVALID_JSON: 400,
  ERR_BAD_REQUEST: 400,
  ERR_NOT_FOUND: 404,
  ERR_METHOD_NOT_ALLOWED: 405,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_TOO_MANY_REQUESTS: 429,
  // Refusals of Node's HTTP parser, before the app sees the request.
  ERR_REQUEST_TIMEOUT: 408,
  ERR_HEADERS_TOO_LARGE: 431,
  ERR_INTERNAL: 500,
  // Dependencies down, or this instance draining.
  ERR_DATABASE_UNAVAILABLE: 503,
  ERR_REDIS_UNAVAILABLE: 503,
  ERR_SHUTTING_DOWN: 503,
  // POST /sendMessage (HTTP and socket).
  ERR_MESSAGE_REQUIRED: 400,
  ERR_INVALID_MESSAGEBOX: 400,
  ERR_INVALID_MESSAGE_BODY: 400,
  ERR_RECIPIENT_REQUIRED: 400,
  ERR_TOO_MANY_RECIPIENTS: 400,
  ERR_MESSAGEID_REQUIRED: 400,
  ERR_MESSAGEID_COUNT_MISMATCH: 400,
  ERR_INVALID_MESSAGEID: 400,
  ERR_INVALID_RECIPIENT_KEY: 400,
  ERR_DELIVERY_BLOCKED: 403,
  ERR_RECIPIENT_STORAGE_FULL: 409,
  ERR_SENDER_STORAGE_FULL: 409,
  ERR_INVALID_ROOM: 400,
  // Payments (docs/protocol/fees-and-payments.md#payment-error-codes).
  ERR_MISSING_PAYMENT_TX: 400,
  ERR_MISSING_DELIVERY_OUTPUT: 400,
  ERR_INVALID_PAYMENT: 400,
  ERR_INSUFFICIENT_PAYMENT: 400,
  ERR_INSUFFICIENT_OUTPUTS: 400,
  ERR_MISSING_RECIPIENT_OUTPUTS: 400,
  ERR_PAYMENT_ALREADY_USED: 400,
  ERR_PAYMENT_TOO_LARGE: 400,
  ERR_PAYMENT_VERIFICATION_UNAVAILABLE: 503,
  // POST /listMessages.
  ERR_MESSAGEBOX_REQUIRED: 400,
  ERR_INVALID_LIMIT: 400,
  ERR_INVALID_CURSOR: 400,
  // POST /acknowledgeMessage.
  ERR_MESSAGE_ID_REQUIRED: 400,
  ERR_INVALID_MESSAGE_ID: 400,
  ERR_TOO_MANY_MESSAGE_IDS: 400,
  ERR_INVALID_ACKNOWLEDGMENT: 400,
  // POST /registerDevice.
  ERR_INVALID_FCM_TOKEN: 400,
  ERR_INVALID_PLATFORM: 400,
  ERR_INVALID_DEVICE_ID: 400,
  // /permissions/*.
  ERR_INVALID_REQUEST: 400,
  ERR_INVALID_PUBLIC_KEY: 400,
  ERR_INVALID_FEE_VALUE: 400,
  ERR_INVALID_MESSAGE_BOX: 400,
  ERR_INVALID_PARAMETER: 400,
  ERR_MISSING_PARAMETERS: 400,
  ERR_INVALID_OFFSET: 400,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one status of a code: every code has exactly one, so callers never pass one. */
export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
