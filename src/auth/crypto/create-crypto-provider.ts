import { CryptoProvider } from './crypto-provider';
import { NativeCryptoProvider } from './native-crypto-provider';
import { Secp256k1Addon } from './secp256k1-addon';
import { SdkCryptoProvider } from './sdk-crypto-provider';

/**
 * Loads only the compiled libsecp256k1 binding: the package's main entry silently falls back to
 * elliptic (pure JS) when the binary is missing, which would be slower than `@bsv/sdk` itself.
 */
export function loadNativeSecp256k1(): Secp256k1Addon | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('secp256k1/bindings') as Secp256k1Addon;
  } catch {
    return undefined;
  }
}

/** Native crypto when the addon loads (and `preferNative`), `@bsv/sdk` otherwise. */
export function createCryptoProvider(privateKeyHex: string, preferNative = true): CryptoProvider {
  const addon = preferNative ? loadNativeSecp256k1() : undefined;
  return addon
    ? new NativeCryptoProvider(privateKeyHex, addon)
    : new SdkCryptoProvider(privateKeyHex);
}
