import type Redis from 'ioredis';
import { AuthSession } from './auth-session';
import { SessionStore } from './session-store';

/**
 * Records a nonce and refreshes the idle TTL of the session and of its nonce set together, in
 * one atomic step: a nonce is remembered for the whole life of its session, so a captured
 * request can never be replayed while the session still accepts requests. Only this (run after
 * a valid signature) refreshes the TTL; reading a session does not, so unsigned junk carrying a
 * session nonce cannot keep a session alive. A session that has used up its budget of signed
 * messages is deleted: its client handshakes again, and its nonce set cannot grow without bound.
 * KEYS: session key, nonce set key. ARGV: nonce, TTL seconds, most nonces (0 = no limit).
 * Returns 1 new, 0 replay, -1 gone, -2 used up.
 */
const MARK_NONCE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local max = tonumber(ARGV[3])
if max > 0 and redis.call('SCARD', KEYS[2]) >= max then
  redis.call('DEL', KEYS[1], KEYS[2])
  return -2
end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1`;

export interface RedisSessionBudgets {
  /** Sessions one client IP may hold; its oldest one makes room. */
  maxSessionsPerIp?: number;
  /** Nonces (signed messages) one session may record; then it is dropped. */
  maxNoncesPerSession?: number;
}

/**
 * Sessions shared by every instance through Redis: any instance can verify a request and sign its
 * response, since all instances share the server key. Keys expire after the idle TTL, refreshed
 * by every accepted signature; every key carries the deployment's namespace.
 */
export class RedisSessionStore extends SessionStore {
  private readonly sessionPrefix: string;
  private readonly noncePrefix: string;
  /** Sorted set per client IP: its sessions scored by creation time (microseconds). */
  private readonly ipPrefix: string;
  private lastIpScore = 0;
  private readonly maxPerIp: number;
  private readonly maxNonces: number;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    namespace: string,
    budgets: RedisSessionBudgets = {},
  ) {
    super();
    this.sessionPrefix = `${namespace}:auth:session:`;
    this.noncePrefix = `${namespace}:auth:nonces:`;
    this.ipPrefix = `${namespace}:auth:ip:`;
    this.maxPerIp = budgets.maxSessionsPerIp ?? Infinity;
    this.maxNonces = budgets.maxNoncesPerSession ?? Infinity;
  }

  async create(sessionNonce: string, session: AuthSession): Promise<void> {
    await this.redis.set(
      this.sessionPrefix + sessionNonce,
      JSON.stringify(session),
      'EX',
      this.ttlSeconds,
    );
    if (session.clientIp !== undefined && Number.isFinite(this.maxPerIp)) {
      await this.limitIp(session.clientIp, sessionNonce);
    }
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
      Number.isFinite(this.maxNonces) ? this.maxNonces : 0,
    );
    return result === 1;
  }

  /**
   * Records the session in its IP's set and drops that IP's oldest sessions beyond the budget:
   * an address that fills its share evicts its own sessions, never another client's.
   */
  private async limitIp(ip: string, sessionNonce: string): Promise<void> {
    const key = this.ipPrefix + ip;
    const nowMicros = Date.now() * 1000;
    // Scores in microseconds, strictly increasing within this process: sessions created in the
    // same millisecond would otherwise tie, and Redis breaks ties by member (a random nonce), so
    // the eviction below could drop a newer session instead of the oldest.
    const score = Math.max(nowMicros, this.lastIpScore + 1);
    this.lastIpScore = score;
    const replies = await this.redis
      .multi()
      .zremrangebyscore(key, '-inf', nowMicros - this.ttlSeconds * 1_000_000)
      .zadd(key, score, sessionNonce)
      .expire(key, this.ttlSeconds)
      .zcard(key)
      .exec();
    const count = Number(replies?.[3]?.[1] ?? 0);
    if (count <= this.maxPerIp) return;
    const oldest = await this.redis.zpopmin(key, count - this.maxPerIp);
    const evicted = oldest.filter((_, i) => i % 2 === 0);
    if (evicted.length > 0) {
      await this.redis.del(
        ...evicted.flatMap((nonce) => [this.sessionPrefix + nonce, this.noncePrefix + nonce]),
      );
    }
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
}
