/** One recipient that charges a fee for this delivery, in request order. */
export interface FeeRecipient {
  recipient: string;
  fee: number;
}

export interface PaymentCheck {
  sender: string;
  messageBox: string;
  deliveryFee: number;
  /** Recipients with a fee above 0, in request order (HTTP-API.md §5.5). */
  feeRecipients: FeeRecipient[];
  /** The request's `payment` object, already known to carry `tx` and an `outputs` array. */
  payment: Record<string, unknown>;
}

export interface VerifiedPayment {
  /** What goes into each paid recipient's stored body as `payment` (its own outputs only). */
  storedPaymentFor: Map<string, Record<string, unknown>>;
}

/**
 * Checks a delivery payment before anything is stored. The implementation is the payments
 * module's; until payments are verifiable, deliveries that need one are refused, never accepted
 * unpaid.
 */
export abstract class PaymentVerifier {
  abstract verify(check: PaymentCheck): Promise<VerifiedPayment>;
}
