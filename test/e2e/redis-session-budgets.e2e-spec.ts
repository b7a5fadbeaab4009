import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisSessionStore } from '../../src/auth/sessions/redis-session-store';
import { deleteNamespace, describeWithRedis, TEST_REDIS_URL } from '../helpers/redis';

/** The Redis store's budgets, against the shared Redis (a namespace of this run's own). */
describeWithRedis('Redis session store budgets', () => {
  let redis: Redis;
  const namespace = `test-budgets-${randomBytes(6).toString('hex')}`;
  const nonce = () => randomBytes(24).toString('base64');
  const session = (clientIp: string) => ({
    peerIdentityKey: 'key',
    peerNonce: 'c',
    createdAt: Date.now(),
    clientIp,
  });

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteNamespace(redis, namespace);
    redis.disconnect();
  });

  it('keeps at most maxSessionsPerIp sessions per address, evicting that address’s oldest', async () => {
    const store = new RedisSessionStore(redis, 60, namespace, { maxSessionsPerIp: 2 });
    const ip = `test-${randomBytes(6).toString('hex')}`;
    const victim = nonce();
    await store.create(victim, session(`${ip}-other`));
    const mine = [nonce(), nonce(), nonce()];
    for (const n of mine) await store.create(n, session(ip));
    expect(await store.get(mine[0])).toBeUndefined();
    expect(await store.get(mine[1])).toBeDefined();
    expect(await store.get(mine[2])).toBeDefined();
    expect(await store.get(victim)).toBeDefined();
  });

  it('evicts in creation order even when the sessions are created within one millisecond', async () => {
    const store = new RedisSessionStore(redis, 60, namespace, { maxSessionsPerIp: 2 });
    const ip = `test-${randomBytes(6).toString('hex')}`;
    const mine = [nonce(), nonce(), nonce(), nonce(), nonce()];
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      for (const n of mine) await store.create(n, session(ip));
    } finally {
      clock.mockRestore();
    }
    const kept = await Promise.all(mine.map(async (n) => (await store.get(n)) !== undefined));
    expect(kept).toEqual([false, false, false, true, true]);
  });

  it('drops a session that has recorded maxNoncesPerSession nonces, with its nonce set', async () => {
    const store = new RedisSessionStore(redis, 60, namespace, { maxNoncesPerSession: 3 });
    const s = nonce();
    await store.create(s, session(`test-${randomBytes(6).toString('hex')}`));
    for (let i = 0; i < 3; i++) expect(await store.markNonceUsed(s, `n${i}`)).toBe(true);
    expect(await store.markNonceUsed(s, 'n3')).toBe(false);
    expect(await store.get(s)).toBeUndefined();
    expect(await redis.exists(`${namespace}:auth:nonces:${s}`)).toBe(0);
  });
});
