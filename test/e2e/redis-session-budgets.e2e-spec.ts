import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisSessionStore } from '../../src/auth/sessions/redis-session-store';
import { redisEnabled, TEST_REDIS_URL } from '../helpers/redis';

/** The Redis store's budgets, against the shared Redis (unique session nonces and IPs only). */
describe('Redis session store budgets', () => {
  let redis: Redis | undefined;
  const created: string[] = [];
  const nonce = () => {
    const n = randomBytes(24).toString('base64');
    created.push(n);
    return n;
  };
  const session = (clientIp: string) => ({
    peerIdentityKey: 'key',
    peerNonce: 'c',
    createdAt: Date.now(),
    clientIp,
  });

  beforeAll(async () => {
    if (await redisEnabled('Redis session budget tests')) redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    if (!redis) return;
    const store = new RedisSessionStore(redis, 60);
    for (const n of created) await store.delete(n);
    redis.disconnect();
  });

  it('keeps at most maxSessionsPerIp sessions per address, evicting that address’s oldest', async () => {
    if (!redis) return;
    const store = new RedisSessionStore(redis, 60, { maxSessionsPerIp: 2 });
    const ip = `test-${randomBytes(6).toString('hex')}`;
    const victim = nonce();
    await store.create(victim, session(`${ip}-other`));
    const mine = [nonce(), nonce(), nonce()];
    for (const n of mine) await store.create(n, session(ip));
    expect(await store.get(mine[0])).toBeUndefined();
    expect(await store.get(mine[1])).toBeDefined();
    expect(await store.get(mine[2])).toBeDefined();
    expect(await store.get(victim)).toBeDefined();
    await redis.del(`mb:auth:ip:${ip}`, `mb:auth:ip:${ip}-other`);
  });

  it('drops a session that has written maxNoncesPerSession nonce keys', async () => {
    if (!redis) return;
    const store = new RedisSessionStore(redis, 60, { maxNoncesPerSession: 3 });
    const s = nonce();
    await store.create(s, session(`test-${randomBytes(6).toString('hex')}`));
    for (let i = 0; i < 3; i++) expect(await store.markNonceUsed(s, `n${i}`)).toBe(true);
    expect(await store.markNonceUsed(s, 'n1')).toBe(false);
    expect(await store.get(s)).toBeUndefined();
    expect(await redis.exists(`mb:auth:count:${s}`)).toBe(0);
  });
});
