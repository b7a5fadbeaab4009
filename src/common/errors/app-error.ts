import { ErrorCode, statusOf } from './error-codes';

/**
 * The one error type services throw. Only the exception filters turn it into HTTP or socket
 * replies, so services never shape responses. The status comes from the catalogue, never the caller.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly description: string,
    /** Extra protocol fields merged into the error body, e.g. `blockedRecipients`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(description);
    this.name = 'AppError';
    this.status = statusOf(code);
  }
}
