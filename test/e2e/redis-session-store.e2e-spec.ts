import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisSessionStore } from '../../src/auth/sessions/redis-session-store';
import { TEST_REDIS_URL, deleteNamespace, describeWithRedis } from '../helpers/redis';

const TTL_SECONDS = 100;
const session = { peerIdentityKey: 'k', peerNonce: 'n', createdAt: 0 };

describeWithRedis('RedisSessionStore: nonce lifetime and TTL refresh', () => {
  const redis = new Redis(TEST_REDIS_URL);
  // A namespace of its own: the shared Redis is never flushed.
  const namespace = `mb-test-${randomBytes(6).toString('hex')}`;
  const store = new RedisSessionStore(redis, TTL_SECONDS, namespace);
  const sessionKey = (s: string) => `${namespace}:auth:session:${s}`;
  const nonceKey = (s: string) => `${namespace}:auth:nonces:${s}`;

  afterAll(async () => {
    await deleteNamespace(redis, namespace);
    redis.disconnect();
  });

  it('does not refresh the session TTL on a lookup (unsigned junk carrying the session nonce)', async () => {
    await store.create('s1', session);
    await redis.expire(sessionKey('s1'), 10);
    expect(await store.get('s1')).toEqual(session);
    expect(await redis.ttl(sessionKey('s1'))).toBeLessThanOrEqual(10);
  });

  it('refreshes the session and its nonces together after an accepted signature', async () => {
    await store.create('s2', session);
    await redis.expire(sessionKey('s2'), 10);
    expect(await store.markNonceUsed('s2', 'n1')).toBe(true);
    expect(await redis.ttl(sessionKey('s2'))).toBeGreaterThan(10);
    expect(await redis.ttl(nonceKey('s2'))).toBeGreaterThan(10);
  });

  it('remembers a nonce for as long as its session lives, however long it is kept alive', async () => {
    await store.create('s3', session);
    expect(await store.markNonceUsed('s3', 'first')).toBe(true);
    // Later accepted requests keep the session alive: the first nonce's memory moves with it.
    for (let i = 0; i < 3; i++) {
      expect(await store.markNonceUsed('s3', `later-${i}`)).toBe(true);
      const [sessionTtl, nonceTtl] = [
        await redis.ttl(sessionKey('s3')),
        await redis.ttl(nonceKey('s3')),
      ];
      expect(nonceTtl).toBeGreaterThanOrEqual(sessionTtl);
    }
    expect(await store.markNonceUsed('s3', 'first')).toBe(false);
  });

  it('refuses a nonce on a session that is gone, and forgets nonces with the session', async () => {
    expect(await store.markNonceUsed('never-created', 'x')).toBe(false);
    await store.create('s4', session);
    expect(await store.markNonceUsed('s4', 'x')).toBe(true);
    await store.delete('s4');
    expect(await redis.exists(sessionKey('s4'), nonceKey('s4'))).toBe(0);
  });

  it('keeps deployments with different namespaces apart', async () => {
    const other = new RedisSessionStore(redis, TTL_SECONDS, `${namespace}-other`);
    await store.create('shared-nonce', session);
    expect(await other.get('shared-nonce')).toBeUndefined();
    await deleteNamespace(redis, `${namespace}-other`);
  });
});
