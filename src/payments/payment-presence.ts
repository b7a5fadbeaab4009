import { AppError } from '../common/errors/app-error';
import { isObject } from '../common/validation/json-shapes';

/**
 * The structural checks the reference server makes before touching a payment (docs/protocol/fees-and-payments.md#payment-presence-checks): a transaction and an outputs array, and an output for the delivery fee when one applies.
 */
export function requirePayment(payment: unknown, deliveryFee: number): Record<string, unknown> {
  if (
    !isObject(payment) ||
    !Array.isArray(payment.tx) ||
    payment.tx.length === 0 ||
    !Array.isArray(payment.outputs)
  ) {
    throw new AppError(
      'ERR_MISSING_PAYMENT_TX',
      'Payment transaction data is required for payable delivery.',
    );
  }
  if (deliveryFee > 0 && payment.outputs.length === 0) {
    throw new AppError(
      'ERR_MISSING_DELIVERY_OUTPUT',
      'Delivery fee required but no outputs were provided.',
    );
  }
  return payment;
}
