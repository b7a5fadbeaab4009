import { HttpException, HttpStatus } from '@nestjs/common';
import { isDatabaseUnavailable } from '../../database/database-failures';
import { isRedisFailure } from '../redis/redis-failures';
import { AppError } from './app-error';
import { ErrorCode } from './error-codes';

export interface ErrorBody {
  status: 'error';
  code: ErrorCode;
  description: string;
  [extra: string]: unknown;
}

const CODE_BY_HTTP_STATUS: Record<number, ErrorCode> = {
  [HttpStatus.BAD_REQUEST]: 'ERR_BAD_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHORIZED',
  [HttpStatus.NOT_FOUND]: 'ERR_NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'ERR_METHOD_NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'ERR_PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'ERR_TOO_MANY_REQUESTS',
};

export interface ErrorReply {
  status: number;
  body: ErrorBody;
  /** True when the error was not a client mistake and deserves a log line with its stack. */
  unexpected: boolean;
  /** Extra response headers (Retry-After on 503s). */
  headers?: Record<string, string>;
}

/** Seconds a client is told to wait after a 503: dependencies reconnect within a few seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** A 503 for a dependency that is down: expected during an outage, logged without a stack. */
function unavailable(code: ErrorCode, what: string): ErrorReply {
  return {
    status: 503,
    body: { status: 'error', code, description: `The ${what} is temporarily unavailable.` },
    unexpected: false,
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  };
}

/** Maps anything thrown to the protocol's error envelope. Internals never reach the client. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { ...error.extra, status: 'error', code: error.code, description: error.description },
      unexpected: error.status >= 500 && error.status !== 503,
      headers: error.status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : undefined,
    };
  }
  if (isRedisFailure(error)) return unavailable('ERR_REDIS_UNAVAILABLE', 'Redis server');
  if (isDatabaseUnavailable(error)) return unavailable('ERR_DATABASE_UNAVAILABLE', 'database');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      CODE_BY_HTTP_STATUS[status] ?? (status >= 500 ? 'ERR_INTERNAL' : 'ERR_BAD_REQUEST');
    const description = status >= 500 ? 'Internal server error' : error.message;
    return { status, body: { status: 'error', code, description }, unexpected: status >= 500 };
  }
  return {
    status: 500,
    body: { status: 'error', code: 'ERR_INTERNAL', description: 'Internal server error' },
    unexpected: true,
  };
}
