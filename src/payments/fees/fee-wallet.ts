/** A received delivery-fee output, with what the server's wallet needs to take it in. */
export interface FeeOutput {
  txid: string;
  vout: number;
  satoshis: number;
  /** The payer's identity key: the BRC-29 counterparty of the output's key. */
  senderIdentityKey: string;
  derivationPrefix: string;
  derivationSuffix: string;
  /** The payment's Atomic BEEF, base64. */
  beefBase64: string;
}

/**
 * The server's own wallet, as far as fee collection needs it: internalize one BRC-29 "wallet
 * payment" output. The storage records the transaction for broadcast; its Monitor sends it (README
 "How fees are collected"). Resolves once
 * the wallet has it; rejects on any failure, and the collector tries again later.
 */
export abstract class FeeWallet {
  abstract internalize(fee: FeeOutput): Promise<void>;
}

/** Injection token: the FeeWallet, or null when no wallet is configured (fees are swept by hand). */
export const FEE_WALLET = Symbol('FEE_WALLET');
