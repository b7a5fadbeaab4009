import { Utils } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';

/** BRC-43 protocol id: [security level, protocol name]. */
export type ProtocolID = [0 | 1 | 2, string];

/** BRC-42 counterparty: a compressed public key in hex, or the special values 'self' and 'anyone'. */
export type Counterparty = string;

/**
 * BRC-42's "anyone": private key 1, whose public key (the curve's generator) everyone knows. The
 * official client derives recipients' payment keys from it (docs/protocol/fees-and-payments.md#brc-29-keys).
 */
export const ANYONE_PRIVATE_KEY = '00'.repeat(31) + '01';
export const ANYONE_IDENTITY_KEY =
  '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';

export interface KeyArgs {
  protocolID: ProtocolID;
  keyID: string;
  counterparty: Counterparty;
}

/** Data to sign or verify, whole or in parts that are hashed in sequence (never concatenated). */
export type SignedData = Uint8Array | readonly Uint8Array[];

export const AUTH_SIGNATURE_PROTOCOL: ProtocolID = [2, 'auth message signature'];
const NONCE_PROTOCOL: ProtocolID = [2, 'server hmac'];

/**
 * The server's wallet operations (BRC-42 derivation, BRC-43 invoice numbers, ECDSA, HMAC),
 * byte-compatible with `@bsv/sdk`'s ProtoWallet. Two implementations: the native secp256k1
 * addon (fast) and `@bsv/sdk` (pure JS fallback). Shared by the HTTP and Socket.IO auth layers.
 */
export abstract class CryptoProvider {
  abstract readonly kind: 'native' | 'sdk';
  /** The server's identity key (compressed public key, lowercase hex). */
  abstract readonly identityKey: string;

  /** DER signature over SHA-256(data) with the key derived for (protocol, keyID, counterparty). */
  abstract createSignature(args: KeyArgs & { data: SignedData }): Promise<number[]>;
  /** True when `signature` (DER) was made by the counterparty's derived key; never throws. */
  abstract verifySignature(
    args: KeyArgs & { data: SignedData; signature: Uint8Array },
  ): Promise<boolean>;
  abstract createHmac(args: KeyArgs & { data: Uint8Array }): Promise<number[]>;
  /** Compressed public key (hex) derived per BRC-42; `forSelf` derives the server's own child. */
  abstract derivePublicKey(args: KeyArgs & { forSelf?: boolean }): Promise<string>;
  /** Whether `hex` is a compressed secp256k1 point that lies on the curve. */
  abstract isValidPublicKey(hex: string): boolean;

  async verifyHmac(args: KeyArgs & { data: Uint8Array; hmac: Uint8Array }): Promise<boolean> {
    try {
      const expected = await this.createHmac(args);
      if (expected.length !== args.hmac.length) return false;
      let diff = 0;
      for (let i = 0; i < expected.length; i++) diff |= expected[i] ^ args.hmac[i];
      return diff === 0;
    } catch {
      return false;
    }
  }

  /**
   * A self-authenticating nonce as `@bsv/sdk` createNonce makes it: base64 of 16 random bytes
   * followed by their HMAC under protocol [2,'server hmac'], keyID = the 16 bytes read as UTF-8.
   */
  async createNonce(counterparty: Counterparty = 'self'): Promise<string> {
    const first = Array.from(randomBytes(16));
    const hmac = await this.createHmac({
      protocolID: NONCE_PROTOCOL,
      keyID: Utils.toUTF8(first),
      counterparty,
      data: Uint8Array.from(first),
    });
    return Utils.toBase64([...first, ...hmac]);
  }

  async verifyNonce(nonce: string, counterparty: Counterparty = 'self'): Promise<boolean> {
    try {
      const bytes = Utils.toArray(nonce, 'base64') as number[];
      if (bytes.length !== 48) return false;
      const data = bytes.slice(0, 16);
      return await this.verifyHmac({
        protocolID: NONCE_PROTOCOL,
        keyID: Utils.toUTF8(data),
        counterparty,
        data: Uint8Array.from(data),
        hmac: Uint8Array.from(bytes.slice(16)),
      });
    } catch {
      return false;
    }
  }
}
