import { PrivateKey, ProtoWallet, PublicKey } from '@bsv/sdk';
import { CryptoProvider, KeyArgs, SignedData } from './crypto-provider';
import { COMPRESSED_PUBLIC_KEY } from '../../common/validation/protocol-formats';

const FIELD_PRIME = BigInt('0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f');

/** Pure-JS path: `@bsv/sdk` ProtoWallet over the server's root key (the reference behaviour). */
export class SdkCryptoProvider extends CryptoProvider {
  readonly kind = 'sdk' as const;
  readonly identityKey: string;
  private readonly wallet: ProtoWallet;

  constructor(privateKeyHex: string) {
    super();
    const root = PrivateKey.fromHex(privateKeyHex);
    this.wallet = new ProtoWallet(root);
    this.identityKey = root.toPublicKey().toString();
  }

  async createSignature(args: KeyArgs & { data: SignedData }): Promise<number[]> {
    const { signature } = await this.wallet.createSignature({
      protocolID: args.protocolID,
      keyID: args.keyID,
      counterparty: args.counterparty,
      data: bytes(args.data),
    });
    return signature;
  }

  async verifySignature(
    args: KeyArgs & { data: SignedData; signature: Uint8Array },
  ): Promise<boolean> {
    try {
      const { valid } = await this.wallet.verifySignature({
        protocolID: args.protocolID,
        keyID: args.keyID,
        counterparty: args.counterparty,
        data: bytes(args.data),
        signature: Array.from(args.signature),
      });
      return valid;
    } catch {
      // ProtoWallet throws on invalid signatures and malformed input alike.
      return false;
    }
  }

  async createHmac(args: KeyArgs & { data: Uint8Array }): Promise<number[]> {
    const { hmac } = await this.wallet.createHmac({
      protocolID: args.protocolID,
      keyID: args.keyID,
      counterparty: args.counterparty,
      data: bytes(args.data),
    });
    return hmac;
  }

  async derivePublicKey(args: KeyArgs & { forSelf?: boolean }): Promise<string> {
    const { publicKey } = await this.wallet.getPublicKey({
      protocolID: args.protocolID,
      keyID: args.keyID,
      counterparty: args.counterparty,
      forSelf: args.forSelf ?? false,
    });
    return publicKey;
  }

  isValidPublicKey(hex: string): boolean {
    if (!COMPRESSED_PUBLIC_KEY.test(hex)) return false;
    // @bsv/sdk accepts an x coordinate at or above the field prime; libsecp256k1 does not.
    if (BigInt(`0x${hex.slice(2)}`) >= FIELD_PRIME) return false;
    try {
      return PublicKey.fromString(hex).validate();
    } catch {
      return false;
    }
  }
}

function bytes(data: SignedData): number[] {
  return data instanceof Uint8Array ? Array.from(data) : Array.from(Buffer.concat(data));
}
