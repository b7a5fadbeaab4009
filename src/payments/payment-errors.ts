import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-codes';

/** Every payment refusal is a 400 with the protocol's code (docs/protocol/fees-and-payments.md#payment-error-codes). */
export const paymentError = (code: ErrorCode, description: string) =>
  new AppError(code, description);

export const notAccepted = (why: string) =>
  paymentError('ERR_INSUFFICIENT_PAYMENT', `Payment was not accepted by the server: ${why}`);

export const invalidPayment = (why: string) =>
  paymentError('ERR_INVALID_PAYMENT', `Invalid payment: ${why}`);

/**
 * What a send can be refused with once its payment is looked at, by HTTP status: the structural
 * checks (payment-presence), verification, and the ledger. Routes that take payments document it.
 */
export const PAYMENT_REFUSALS = {
  400: [
    'ERR_MISSING_PAYMENT_TX',
    'ERR_MISSING_DELIVERY_OUTPUT',
    'ERR_INVALID_PAYMENT',
    'ERR_INSUFFICIENT_PAYMENT',
    'ERR_INSUFFICIENT_OUTPUTS',
    'ERR_MISSING_RECIPIENT_OUTPUTS',
    'ERR_PAYMENT_ALREADY_USED',
    'ERR_PAYMENT_TOO_LARGE',
  ],
  429: ['ERR_TOO_MANY_REQUESTS'],
  503: ['ERR_PAYMENT_VERIFICATION_UNAVAILABLE'],
} as const;
