import { PrivateKey, WalletInterface } from '@bsv/sdk';
import { createCryptoProvider } from '../../src/auth/crypto/create-crypto-provider';
import { Counterparty, CryptoProvider, ProtocolID } from '../../src/auth/crypto/crypto-provider';

interface KeyArgs {
  protocolID: ProtocolID;
  keyID: string;
  counterparty?: Counterparty;
}

/**
 * The key operations AuthFetch needs (identity, signatures, HMAC nonces) on the server's native
 * crypto provider, so that load-generating clients cost little CPU. Everything else is absent.
 */
export function nativeWallet(key: PrivateKey = PrivateKey.fromRandom()): WalletInterface {
  const crypto: CryptoProvider = createCryptoProvider(key.toHex().padStart(64, '0'));
  const wallet = {
    getPublicKey: async (args: KeyArgs & { identityKey?: boolean; forSelf?: boolean }) => ({
      publicKey: args.identityKey
        ? crypto.identityKey
        : await crypto.derivePublicKey({ ...args, counterparty: args.counterparty ?? 'self' }),
    }),
    createSignature: async (args: KeyArgs & { data: number[] }) => ({
      signature: await crypto.createSignature({
        ...args,
        counterparty: args.counterparty ?? 'anyone',
        data: Uint8Array.from(args.data),
      }),
    }),
    verifySignature: async (args: KeyArgs & { data: number[]; signature: number[] }) => {
      const valid = await crypto.verifySignature({
        ...args,
        counterparty: args.counterparty ?? 'self',
        data: Uint8Array.from(args.data),
        signature: Uint8Array.from(args.signature),
      });
      if (!valid) throw new Error('Signature is not valid');
      return { valid };
    },
    createHmac: async (args: KeyArgs & { data: number[] }) => ({
      hmac: await crypto.createHmac({
        ...args,
        counterparty: args.counterparty ?? 'self',
        data: Uint8Array.from(args.data),
      }),
    }),
    verifyHmac: async (args: KeyArgs & { data: number[]; hmac: number[] }) => {
      const valid = await crypto.verifyHmac({
        ...args,
        counterparty: args.counterparty ?? 'self',
        data: Uint8Array.from(args.data),
        hmac: Uint8Array.from(args.hmac),
      });
      if (!valid) throw new Error('HMAC is not valid');
      return { valid };
    },
  };
  return wallet as unknown as WalletInterface;
}
