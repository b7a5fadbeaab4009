import { AuthFetch, PrivateKey, WalletInterface } from '@bsv/sdk';
import { randomUUID } from 'node:crypto';
import { settlesWithin } from './auth-clients';
import { nativeWallet } from './native-wallet';
import { TestChainTracker } from './test-chain-tracker';
import { TestWallet } from './test-wallet';

/**
 * The building blocks most tests start from, so a new test reads as what it checks:
 *   const alice = newCaller(t.url);
 *   const bob = newCaller(t.url);
 *   expect((await alice.post('/sendMessage', { message: newMessage({ recipient: bob.key }) })).status).toBe(200);
 * Tests that need the official client (encryption, payments) use newMessageBoxClient() with a
 * TestWallet instead (test/helpers/message-box-client.ts).
 */

export interface Reply<T> {
  status: number;
  json: T;
}

/** One identity able to call the server: its key, a wallet, and AuthFetch on that wallet. */
export interface Caller {
  /** The identity key (compressed, hex). */
  key: string;
  privateKey: PrivateKey;
  wallet: WalletInterface;
  http: AuthFetch;
  /** Signed POST of `body` as JSON to `baseUrl + path`; bounded (AuthFetch can hang). */
  post<T = Record<string, unknown>>(path: string, body: unknown): Promise<Reply<T>>;
  /** Signed GET of `baseUrl + path`; bounded. */
  get<T = Record<string, unknown>>(path: string): Promise<Reply<T>>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Signed POST of `body` as JSON to `url` through `http`, bounded (AuthFetch can hang). */
export async function signedPost<T = Record<string, unknown>>(
  http: AuthFetch,
  url: string,
  body: unknown,
  timeoutMs = 10000,
): Promise<Reply<T>> {
  const res = await settlesWithin(
    http.fetch(url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }),
    timeoutMs,
    `POST ${new URL(url).pathname}`,
  );
  return { status: res.status, json: (await res.json()) as T };
}

/**
 * A fresh identity (or the given key) calling the server at `baseUrl`. Its wallet signs with the
 * server's native crypto provider: cheap enough for load-generating tests.
 */
export function newCaller(baseUrl: string, privateKey = PrivateKey.fromRandom()): Caller {
  const wallet = nativeWallet(privateKey);
  const http = new AuthFetch(wallet);
  const reply = async <T>(res: Response): Promise<Reply<T>> => ({
    status: res.status,
    json: (await res.json()) as T,
  });
  return {
    key: privateKey.toPublicKey().toString(),
    privateKey,
    wallet,
    http,
    post: <T>(path: string, body: unknown) => signedPost<T>(http, `${baseUrl}${path}`, body),
    get: async <T>(path: string) =>
      reply<T>(await settlesWithin(http.fetch(`${baseUrl}${path}`), 10000, `GET ${path}`)),
  };
}

/** An identity key nobody holds the private key of (a recipient that never calls). */
export const newIdentityKey = (): string => PrivateKey.fromRandom().toPublicKey().toString();

export interface NewMessage {
  recipient: string;
  messageBox: string;
  messageId: string;
  body: string;
}

/** The `message` of a /sendMessage body: to a fresh recipient, in `inbox`, with a unique id. */
export function newMessage(overrides: Partial<NewMessage> = {}): NewMessage {
  return {
    recipient: newIdentityKey(),
    messageBox: 'inbox',
    messageId: `m-${randomUUID()}`,
    body: 'hello',
    ...overrides,
  };
}

/** An identity that pays: a TestWallet (real transactions, mined on `tracker`) and AuthFetch. */
export interface Payer {
  key: string;
  wallet: TestWallet;
  http: AuthFetch;
}

export function newPayer(tracker: TestChainTracker, privateKey = PrivateKey.fromRandom()): Payer {
  const wallet = new TestWallet(privateKey, tracker);
  return {
    key: privateKey.toPublicKey().toString(),
    wallet,
    http: new AuthFetch(wallet.asWallet()),
  };
}
