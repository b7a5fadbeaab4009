import type Redis from 'ioredis';
import { AuthSession } from './auth-session';
import { SessionStore } from './session-store';

// --- Nonce lifetime: a session's seen nonces live exactly as long as the session ------------
/**
 * Records a nonce and refreshes the idle TTL of the session and of its nonce set together, in
 * one atomic step: a nonce is remembered for the whole life of its session, so a captured
 * request can never be replayed while the session still accepts requests. Only this (run after
 * a valid signature) refreshes the TTL; reading a session does not, so unsigned junk carrying a
 * session nonce cannot keep a session alive.
 * KEYS: session key, nonce set key. ARGV: nonce, TTL seconds. Returns 1 new, 0 replay, -1 gone.
 */
const MARK_NONCE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1`;
// ---------------------------------------------------------------------------------------------

/**
 * Sessions shared by every instance through Redis: any instance can verify a request and sign its
 * response, since all instances share the server key. Keys expire after the idle TTL, refreshed
 * by every accepted signature; every key carries the deployment's namespace.
 */
export class RedisSessionStore extends SessionStore {
  private readonly sessionPrefix: string;
  private readonly noncePrefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    namespace: string,
  ) {
    super();
    this.sessionPrefix = `${namespace}:auth:session:`;
    this.noncePrefix = `${namespace}:auth:nonces:`;
  }

  async create(sessionNonce: string, session: AuthSession): Promise<void> {
    await this.redis.set(
      this.sessionPrefix + sessionNonce,
      JSON.stringify(session),
      'EX',
      this.ttlSeconds,
    );
  }

  async get(sessionNonce: string): Promise<AuthSession | undefined> {
    const raw = await this.redis.get(this.sessionPrefix + sessionNonce);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as AuthSession;
    } catch {
      return undefined;
    }
  }

  async delete(sessionNonce: string): Promise<void> {
    await this.redis.del(this.sessionPrefix + sessionNonce, this.noncePrefix + sessionNonce);
  }

  async markNonceUsed(sessionNonce: string, nonce: string): Promise<boolean> {
    const result = await this.redis.eval(
      MARK_NONCE_SCRIPT,
      2,
      this.sessionPrefix + sessionNonce,
      this.noncePrefix + sessionNonce,
      nonce,
      this.ttlSeconds,
    );
    return result === 1;
  }

  async size(): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.sessionPrefix}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }

  async clear(): Promise<void> {
    for (const prefix of [this.sessionPrefix, this.noncePrefix]) {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await this.redis.del(...keys);
      } while (cursor !== '0');
    }
  }
}
