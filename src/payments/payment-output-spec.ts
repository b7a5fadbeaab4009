import { isObject, JsonObject } from '../common/validation/json-shapes';
import { invalidPayment } from './payment-errors';
import { COMPRESSED_PUBLIC_KEY } from '../common/validation/protocol-formats';

/** A `payment.outputs` element the server can check: a BRC-29 "wallet payment". */
export interface WalletPaymentOutput {
  outputIndex: number;
  derivationPrefix: string;
  derivationSuffix: string;
  senderIdentityKey: string;
  /** The element exactly as the sender sent it (stored for the recipient's own wallet). */
  original: JsonObject;
}

const isText = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 255;

export function walletPaymentOutput(value: unknown, what: string): WalletPaymentOutput {
  if (!isObject(value)) throw invalidPayment(`${what} is not an object`);
  const r = value.paymentRemittance;
  if (value.protocol !== 'wallet payment' || !isObject(r)) {
    throw invalidPayment(`${what} must be a "wallet payment" with a paymentRemittance`);
  }
  if (!Number.isInteger(value.outputIndex) || (value.outputIndex as number) < 0) {
    throw invalidPayment(`${what} needs a non-negative integer outputIndex`);
  }
  if (!isText(r.derivationPrefix) || !isText(r.derivationSuffix) || !isText(r.senderIdentityKey)) {
    throw invalidPayment(
      `${what} remittance needs derivationPrefix, derivationSuffix and senderIdentityKey`,
    );
  }
  if (!COMPRESSED_PUBLIC_KEY.test(r.senderIdentityKey)) {
    throw invalidPayment(`${what} remittance senderIdentityKey must be a compressed public key`);
  }
  return {
    outputIndex: value.outputIndex as number,
    derivationPrefix: r.derivationPrefix,
    derivationSuffix: r.derivationSuffix,
    senderIdentityKey: r.senderIdentityKey.toLowerCase(),
    original: value,
  };
}
