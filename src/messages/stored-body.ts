import { AppError } from '../common/errors/app-error';

/**
 * The body as stored and listed: `{"message": <body as received>, "payment"?: {...}}`. The
 * official client unwraps it and internalizes `payment` when present (docs/protocol/http-api.md#stored-body).
 */
export function storedBody(body: string | object, payment?: Record<string, unknown>): string {
  try {
    return JSON.stringify(payment ? { message: body, payment } : { message: body });
  } catch (error) {
    // JSON.parse accepts any depth, but JSON.stringify recurses and runs out of stack.
    if (error instanceof RangeError) {
      throw new AppError('ERR_INVALID_MESSAGE_BODY', 'The message body is nested too deeply.');
    }
    throw error;
  }
}
