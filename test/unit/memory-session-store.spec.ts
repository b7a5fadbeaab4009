import {
  MemorySessionStore,
  REPLAY_BYTES_PER_NONCE,
} from '../../src/auth/sessions/memory-session-store';

const session = (n: number) => ({
  peerIdentityKey: `key${n}`,
  peerNonce: `nonce${n}`,
  createdAt: 0,
});

describe('MemorySessionStore', () => {
  let now = 0;
  const store = (maxSessions = 100, maxNoncesPerSession?: number) =>
    new MemorySessionStore({ ttlMs: 1000, maxSessions, maxNoncesPerSession, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('forgets a session idle for longer than the TTL, and keeps one signing requests', async () => {
    const s = store();
    await s.create('idle', session(1));
    await s.create('busy', session(2));
    now = 900;
    expect(await s.markNonceUsed('busy', 'n1')).toBe(true);
    now = 1500;
    expect(await s.get('idle')).toBeUndefined();
    expect(await s.get('busy')).toEqual(session(2));
  });

  it('is not kept alive by lookups alone (unsigned requests carrying its nonce)', async () => {
    const s = store();
    await s.create('a', session(1));
    now = 900;
    expect(await s.get('a')).toEqual(session(1));
    now = 1500;
    expect(await s.get('a')).toBeUndefined();
  });

  it('drops the least recently used session beyond its size bound', async () => {
    const s = store(2);
    await s.create('a', session(1));
    await s.create('b', session(2));
    await s.markNonceUsed('a', 'n1');
    await s.create('c', session(3));
    expect(await s.get('b')).toBeUndefined();
    expect(await s.get('a')).toBeDefined();
    expect(await s.size()).toBe(2);
  });

  it('accepts a message nonce once per session', async () => {
    const s = store();
    await s.create('a', session(1));
    await s.create('b', session(2));
    expect(await s.markNonceUsed('a', 'n1')).toBe(true);
    expect(await s.markNonceUsed('a', 'n1')).toBe(false);
    expect(await s.markNonceUsed('b', 'n1')).toBe(true);
    expect(await s.markNonceUsed('missing', 'n2')).toBe(false);
  });

  it('retires a session that has used up its nonce budget, so the client re-handshakes', async () => {
    const s = store(10, 2);
    await s.create('a', session(1));
    expect(await s.markNonceUsed('a', 'n1')).toBe(true);
    expect(await s.markNonceUsed('a', 'n2')).toBe(true);
    expect(await s.markNonceUsed('a', 'n3')).toBe(false);
    expect(await s.get('a')).toBeUndefined();
  });
  describe('budgets', () => {
    const at = (n: number, clientIp: string) => ({ ...session(n), clientIp });

    it('evicts within the creating IP only, least recently used first', async () => {
      const s = new MemorySessionStore({ ttlMs: 1000, maxSessions: 100, maxSessionsPerIp: 2 });
      await s.create('victim', at(0, '10.0.0.1'));
      await s.create('x1', at(1, '10.0.0.9'));
      await s.create('x2', at(2, '10.0.0.9'));
      // A signed message is a use (a lookup alone is not: it refreshes nothing).
      expect(await s.markNonceUsed('x1', 'n1')).toBe(true);
      await s.create('x3', at(3, '10.0.0.9'));
      expect(await s.get('x2')).toBeUndefined();
      expect(await s.get('x1')).toBeDefined();
      expect(await s.get('x3')).toBeDefined();
      expect(await s.get('victim')).toBeDefined();
    });

    it('drops the session holding the most nonces once the replay memory is full', async () => {
      const s = new MemorySessionStore({
        ttlMs: 1000,
        maxSessions: 100,
        maxReplayBytes: 10 * REPLAY_BYTES_PER_NONCE,
      });
      await s.create('quiet', session(1));
      await s.create('busy', session(2));
      expect(await s.markNonceUsed('quiet', 'q1')).toBe(true);
      for (let i = 0; i < 9; i++) expect(await s.markNonceUsed('busy', `b${i}`)).toBe(true);
      expect(s.replayBytes()).toBe(10 * REPLAY_BYTES_PER_NONCE);
      await s.markNonceUsed('busy', 'b9');
      expect(await s.get('busy')).toBeUndefined();
      expect(await s.get('quiet')).toBeDefined();
      expect(s.replayBytes()).toBe(REPLAY_BYTES_PER_NONCE);
    });
  });
});
