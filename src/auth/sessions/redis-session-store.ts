import type Redis from 'ioredis';
import { AuthSession } from './auth-session';
import { SessionStore } from './session-store';

const SESSION_PREFIX = 'mb:auth:session:';
const NONCE_PREFIX = 'mb:auth:nonce:';

/**
 * Sessions shared by every instance through Redis: any instance can verify a request and sign its
 * response, since all instances share the server key. Keys expire after the idle TTL; reading a
 * session refreshes it. Seen nonces are kept with the same TTL, so a replay is refused for as long
 * as its session could still accept it.
 */
export class RedisSessionStore extends SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {
    super();
  }

  async create(sessionNonce: string, session: AuthSession): Promise<void> {
    await this.redis.set(
      SESSION_PREFIX + sessionNonce,
      JSON.stringify(session),
      'EX',
      this.ttlSeconds,
    );
  }

  async get(sessionNonce: string): Promise<AuthSession | undefined> {
    const raw = await this.redis.getex(SESSION_PREFIX + sessionNonce, 'EX', this.ttlSeconds);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as AuthSession;
    } catch {
      return undefined;
    }
  }

  async delete(sessionNonce: string): Promise<void> {
    await this.redis.del(SESSION_PREFIX + sessionNonce);
  }

  async markNonceUsed(sessionNonce: string, nonce: string): Promise<boolean> {
    const key = `${NONCE_PREFIX}${sessionNonce}:${nonce}`;
    return (await this.redis.set(key, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
  }

  async size(): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${SESSION_PREFIX}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }

  async clear(): Promise<void> {
    for (const prefix of [SESSION_PREFIX, NONCE_PREFIX]) {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await this.redis.del(...keys);
      } while (cursor !== '0');
    }
  }
}
