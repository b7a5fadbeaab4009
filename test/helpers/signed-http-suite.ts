import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { CHAIN_TRACKER } from '../../src/payments/chain-tracker.provider';
import { settlesWithin } from './auth-clients';
import { createTestApp, TestApp } from './create-test-app';
import { DatabaseTarget } from './database-targets';
import { testAppOnDatabase } from './test-app-on-database';
import { TestChainTracker } from './test-chain-tracker';
import { testEnvironment } from './test-environment';
import { TestWallet } from './test-wallet';

export interface SignedParty {
  key: string;
  /** Builds real payments whose funding the suite's chain tracker knows (payment-builder.ts). */
  wallet: TestWallet;
  http: AuthFetch;
}

/**
 * The set-up of a suite that talks signed HTTP to the real app on one database target: boots the
 * app (the chain tracker replaced by a local one, so that payments built by a party's wallet pass
 * SPV), and gives fresh parties and a signed JSON POST. Use inside describeEachDatabase() or
 * describeOnDatabase().
 */
export function signedHttpSuite(target: DatabaseTarget, extraEnv: Record<string, string> = {}) {
  const tracker = new TestChainTracker();
  let t!: TestApp;
  testAppOnDatabase(
    target,
    (env) =>
      createTestApp(testEnvironment({ ...env, ...extraEnv }), [], 0, (b) =>
        b.overrideProvider(CHAIN_TRACKER).useValue(tracker),
      ),
    (app) => (t = app),
  );

  async function party(): Promise<SignedParty> {
    const wallet = new TestWallet(PrivateKey.fromRandom(), tracker);
    const key = (await wallet.getPublicKey({ identityKey: true })).publicKey;
    return { key, wallet, http: new AuthFetch(wallet.asWallet()) };
  }

  async function post(who: AuthFetch, path: string, body: unknown) {
    const res = await settlesWithin(
      who.fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  return { app: () => t, party, post };
}
