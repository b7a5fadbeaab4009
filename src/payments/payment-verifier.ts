import type { FeeOutput } from './fees/fee-wallet';

/** One recipient that charges a fee for this delivery, in request order. */
export interface FeeRecipient {
  recipient: string;
  fee: number;
}

export interface PaymentCheck {
  sender: string;
  messageBox: string;
  deliveryFee: number;
  /** Recipients with a fee above 0, in request order (docs/protocol/fees-and-payments.md#mapping-outputs-to-recipients). */
  feeRecipients: FeeRecipient[];
  /** The request's `payment` object, already known to carry `tx` and an `outputs` array. */
  payment: Record<string, unknown>;
}

/** A received server delivery fee, kept so the operator's wallet can take it in (same fields). */
export type DeliveryPaymentRecord = FeeOutput;

/** What the send transaction must record: every output used, and the delivery fee if any. */
export interface PaymentRecord {
  txid: string;
  vouts: number[];
  /** The outpoints ("txid:vout") the payment transaction spends. */
  spends: string[];
  delivery?: DeliveryPaymentRecord;
}

export interface VerifiedPayment {
  /** What goes into each paid recipient's stored body as `payment` (its own outputs only). */
  storedPaymentFor: Map<string, Record<string, unknown>>;
  record?: PaymentRecord;
}

/**
 * Checks a delivery payment before anything is stored. Until a payment is verified, nothing
 * that needs one is accepted.
 */
export abstract class PaymentVerifier {
  abstract verify(check: PaymentCheck): Promise<VerifiedPayment>;
}
