import { AuthFetch, PrivateKey, ProtoWallet, WalletInterface } from '@bsv/sdk';

/** A wallet over a fresh random key: ProtoWallet has every key operation AuthFetch needs. */
export function newWallet(key: PrivateKey = PrivateKey.fromRandom()): WalletInterface {
  return new ProtoWallet(key) as unknown as WalletInterface;
}

export async function identityOf(wallet: WalletInterface): Promise<string> {
  return (await wallet.getPublicKey({ identityKey: true })).publicKey;
}

export function newAuthFetch(wallet: WalletInterface = newWallet()): AuthFetch {
  return new AuthFetch(wallet);
}

/**
 * AuthFetch never settles when a response fails verification; this turns such a hang into a
 * test failure with a clear message instead of a Jest time-out.
 */
export function settlesWithin<T>(promise: Promise<T>, ms = 10000, what = 'request'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
