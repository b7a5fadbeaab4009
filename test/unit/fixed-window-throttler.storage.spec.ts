import { FixedWindowThrottlerStorage } from '../../src/rate-limit/fixed-window-throttler.storage';

describe('FixedWindowThrottlerStorage', () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits in a window, blocks past the limit, and starts afresh after the block', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const storage = new FixedWindowThrottlerStorage();
    const hit = () => storage.increment('ip', 60_000, 2, 60_000, 'handshake');
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(false);
    const third = await hit();
    expect(third).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 60 });
    jest.setSystemTime(1_000_000 + 30_000);
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.setSystemTime(1_000_000 + 60_001);
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    storage.onModuleDestroy();
  });

  it('keeps keys and throttlers apart', async () => {
    const storage = new FixedWindowThrottlerStorage();
    await storage.increment('a', 60_000, 1, 60_000, 'identity');
    expect((await storage.increment('b', 60_000, 1, 60_000, 'identity')).isBlocked).toBe(false);
    expect((await storage.increment('a', 60_000, 1, 60_000, 'handshake')).isBlocked).toBe(false);
    expect((await storage.increment('a', 60_000, 1, 60_000, 'identity')).isBlocked).toBe(true);
    storage.onModuleDestroy();
  });
});
