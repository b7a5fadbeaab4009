import type Redis from 'ioredis';
import { AuthSession } from './auth-session';
import { SessionStore } from './session-store';

const SESSION_PREFIX = 'mb:auth:session:';
const NONCE_PREFIX = 'mb:auth:nonce:';
// ---- Per-IP and per-session key budgets. ----
/** Sorted set per client IP: its sessions scored by creation time. */
const IP_PREFIX = 'mb:auth:ip:';
/** Counter per session: how many nonce keys it has written. */
const COUNT_PREFIX = 'mb:auth:count:';

export interface RedisSessionBudgets {
  /** Sessions one client IP may hold; its oldest one makes room. */
  maxSessionsPerIp?: number;
  /** Nonce keys (signed messages) one session may write; then it is dropped. */
  maxNoncesPerSession?: number;
}
// ---- End of budgets. ----

/**
 * Sessions shared by every instance through Redis: any instance can verify a request and sign its
 * response, since all instances share the server key. Keys expire after the idle TTL; reading a
 * session refreshes it. Seen nonces are kept with the same TTL, so a replay is refused for as long
 * as its session could still accept it.
 */
export class RedisSessionStore extends SessionStore {
  private readonly maxPerIp: number;
  private readonly maxNonces: number;

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    budgets: RedisSessionBudgets = {},
  ) {
    super();
    this.maxPerIp = budgets.maxSessionsPerIp ?? Infinity;
    this.maxNonces = budgets.maxNoncesPerSession ?? Infinity;
  }

  async create(sessionNonce: string, session: AuthSession): Promise<void> {
    await this.redis.set(
      SESSION_PREFIX + sessionNonce,
      JSON.stringify(session),
      'EX',
      this.ttlSeconds,
    );
    if (session.clientIp !== undefined && Number.isFinite(this.maxPerIp)) {
      await this.limitIp(session.clientIp, sessionNonce);
    }
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
    await this.redis.del(SESSION_PREFIX + sessionNonce, COUNT_PREFIX + sessionNonce);
  }

  async markNonceUsed(sessionNonce: string, nonce: string): Promise<boolean> {
    const key = `${NONCE_PREFIX}${sessionNonce}:${nonce}`;
    if (!Number.isFinite(this.maxNonces)) {
      return (await this.redis.set(key, '1', 'EX', this.ttlSeconds, 'NX')) === 'OK';
    }
    const countKey = COUNT_PREFIX + sessionNonce;
    const replies = await this.redis
      .multi()
      .set(key, '1', 'EX', this.ttlSeconds, 'NX')
      .incr(countKey)
      .expire(countKey, this.ttlSeconds)
      .exec();
    const [[setError, set], [countError, count]] = replies ?? [
      [null, null],
      [null, 0],
    ];
    const failed = setError ?? countError;
    if (failed) throw failed;
    if (Number(count) > this.maxNonces) {
      // Used up: the session goes, its client re-handshakes; its nonce keys expire on their own.
      await this.delete(sessionNonce);
      return false;
    }
    return set === 'OK';
  }

  /**
   * Records the session in its IP's set and drops that IP's oldest sessions beyond the budget:
   * an address that fills its share evicts its own sessions, never another client's.
   */
  private async limitIp(ip: string, sessionNonce: string): Promise<void> {
    const key = IP_PREFIX + ip;
    const now = Date.now();
    const replies = await this.redis
      .multi()
      .zremrangebyscore(key, '-inf', now - this.ttlSeconds * 1000)
      .zadd(key, now, sessionNonce)
      .expire(key, this.ttlSeconds)
      .zcard(key)
      .exec();
    const count = Number(replies?.[3]?.[1] ?? 0);
    if (count <= this.maxPerIp) return;
    const oldest = await this.redis.zpopmin(key, count - this.maxPerIp);
    const evicted = oldest.filter((_, i) => i % 2 === 0);
    if (evicted.length > 0) {
      await this.redis.del(
        ...evicted.flatMap((nonce) => [SESSION_PREFIX + nonce, COUNT_PREFIX + nonce]),
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
    for (const prefix of [SESSION_PREFIX, NONCE_PREFIX, IP_PREFIX, COUNT_PREFIX]) {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await this.redis.del(...keys);
      } while (cursor !== '0');
    }
  }
}
