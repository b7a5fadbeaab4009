/**
 * Every error code this server emits and its HTTP status. Codes come from the protocol's catalogue
 * (docs/protocol/http-api.md#error-code-catalogue); the client shows `description`, so codes are stable API.
 */
export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
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
  ERR_DATABASE_UNAVAILABLE: 503,
  ERR_REDIS_UNAVAILABLE: 503,
  ERR_SHUTTING_DOWN: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS | `ERR_${string}`;

/** Status for a code; codes added by feature modules register theirs through AppError. */
export function statusOf(code: ErrorCode): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 400;
}
