import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-codes';

/** Every payment refusal is a 400 with the protocol's code (docs/protocol/fees-and-payments.md#payment-error-codes). */
export const paymentError = (code: ErrorCode, description: string) =>
  new AppError(code, description);

export const notAccepted = (why: string) =>
  paymentError('ERR_INSUFFICIENT_PAYMENT', `Payment was not accepted by the server: ${why}`);

export const invalidPayment = (why: string) =>
  paymentError('ERR_INVALID_PAYMENT', `Invalid payment: ${why}`);
