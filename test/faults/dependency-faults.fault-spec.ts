import { MessageBoxClient } from '@bsv/message-box-client';
import { randomBytes } from 'node:crypto';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { bounded, Outcome, timeToSucceed } from './helpers/bounded';
import { LiveWatcher } from './helpers/live-watcher';
import { MariadbServerProcess } from './helpers/mariadb-server-process';
import { RedisServerProcess } from './helpers/redis-server-process';
import { ServerInstance } from './helpers/server-instance';
import { reportRecovery } from './helpers/recovery-report';

/** Every request must be answered within this, whatever the dependencies do. */
const ANSWER_BOUND_MS = 8000;
/** Requests sent during each fault (sequential: bounded in number and time). */
const REQUESTS_PER_FAULT = 6;
const BOX = 'fault_inbox';

describe('two instances on their own Redis and MariaDB, under faults', () => {
  const redis = new RedisServerProcess();
  const mariadb = new MariadbServerProcess();
  const instances: ServerInstance[] = [];
  const clients: MessageBoxClient[] = [];
  const accepted: string[] = [];
  const outcomes: Outcome[] = [];
  let env: Record<string, string>;
  let a: ServerInstance;
  let b: ServerInstance;
  let bob: MessageBoxClient;
  let bobKey: string;
  let alice: MessageBoxClient;
  const live = new LiveWatcher();

  beforeAll(async () => {
    await redis.start();
    await mariadb.install();
    await mariadb.start();
    await mariadb.createDatabase('mb_faults');
    env = {
      SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
      REDIS_URL: redis.url,
      DB_DRIVER: 'mysql',
      DB_SOURCE: mariadb.url('mb_faults'),
    };
    a = await ServerInstance.start(env, 'instance A');
    b = await ServerInstance.start(env, 'instance B');
    instances.push(a, b);
    bob = newMessageBoxClient(a.url);
    alice = newMessageBoxClient(b.url);
    clients.push(bob, alice);
    bobKey = await bob.getIdentityKey();
    await live.listen(bob, BOX);
  }, 240000);

  afterAll(async () => {
    for (const c of clients) await c.disconnectWebSocket().catch(() => undefined);
    for (const i of instances) await i.stop('SIGKILL');
    if (redis.process?.running) await redis.kill();
    await mariadb.remove();
  });

  afterEach(() => {
    // The instance stays up through every fault (an unhandled rejection would have ended it).
    for (const i of instances) {
      if (!i.alive) throw new Error(`${i.service.name} died\n${i.service.tail()}`);
    }
  });

  /** One send from alice (through B) to bob, bounded; a 200 is recorded as accepted. */
  async function send(label: string, host = b.url, from = alice): Promise<Outcome> {
    const body = `${label} ${randomBytes(6).toString('hex')}`;
    const outcome = await bounded(async () => {
      const sent = await from.sendMessage({ recipient: bobKey, messageBox: BOX, body }, host);
      accepted.push(sent.messageId);
    }, ANSWER_BOUND_MS);
    outcomes.push(outcome);
    return outcome;
  }

  /** A send accepted by B and delivered live to bob's socket on A. */
  async function sendAndDeliverLive(host = b.url, from = alice): Promise<void> {
    const sent = await from.sendMessage(
      { recipient: bobKey, messageBox: BOX, body: `live ${randomBytes(6).toString('hex')}` },
      host,
    );
    accepted.push(sent.messageId);
    await live.waitFor(sent.messageId, 3000);
  }

  function expectAnsweredWithin(results: Outcome[]): void {
    for (const r of results) {
      expect(r.kind).not.toBe('timeout');
      expect(r.ms).toBeLessThan(ANSWER_BOUND_MS);
    }
  }

  async function sendsDuringFault(label: string): Promise<Outcome[]> {
    const results: Outcome[] = [];
    for (let i = 0; i < REQUESTS_PER_FAULT; i++) results.push(await send(`${label} ${i}`));
    return results;
  }

  it('delivers live across instances before any fault', async () => {
    await sendAndDeliverLive();
    expect((await a.readiness()).status).toBe(200);
  });

  it('Redis killed: answers 503 ERR_REDIS_UNAVAILABLE in bound, stays up, heals when Redis returns', async () => {
    await redis.kill();
    const results = await sendsDuringFault('redis-killed');
    expectAnsweredWithin(results);
    expect(results.some((r) => r.kind === 'error' && /503/.test(r.message))).toBe(true);
    const ready = await b.readiness();
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'ERR_REDIS_UNAVAILABLE', checks: { redis: 'down' } });

    const restartedAt = Date.now();
    await redis.start();
    const liveMs = await timeToSucceed(() => sendAndDeliverLive(), 30000);
    reportRecovery(
      'Redis restarted -> live delivery across instances works',
      Date.now() - restartedAt,
      liveMs,
    );
    expect((await a.readiness()).status).toBe(200);
  });

  it('Redis frozen (SIGSTOP): every request answered in bound, readiness truthful, heals on SIGCONT', async () => {
    redis.freeze();
    try {
      const results = await sendsDuringFault('redis-frozen');
      expectAnsweredWithin(results);
      expect(results.some((r) => r.kind === 'error' && /503/.test(r.message))).toBe(true);
      const ready = await b.readiness();
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'ERR_REDIS_UNAVAILABLE' });
    } finally {
      redis.thaw();
    }
    const thawedAt = Date.now();
    const ms = await timeToSucceed(() => sendAndDeliverLive(), 30000);
    reportRecovery('Redis thawed -> live delivery works', Date.now() - thawedAt, ms);
  });

  it('an instance started while Redis is down (websockets on) stays up and heals when Redis returns', async () => {
    await redis.kill();
    const c = await ServerInstance.start(env, 'instance C');
    instances.push(c);
    // Each readiness answer is a real round trip to the process: it is still serving.
    for (let i = 0; i < 3; i++) {
      const ready = await c.readiness();
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ checks: { redis: 'down' } });
    }
    expect(c.alive).toBe(true);
    const restartedAt = Date.now();
    await redis.start();
    const carol = newMessageBoxClient(c.url);
    clients.push(carol);
    const ms = await timeToSucceed(() => sendAndDeliverLive(c.url, carol), 30000);
    reportRecovery(
      'Redis started after the instance -> its sends reach a listener on another instance',
      Date.now() - restartedAt,
      ms,
    );
    expect((await c.readiness()).status).toBe(200);
  });

  it('MariaDB killed: answers 503 ERR_DATABASE_UNAVAILABLE (signed) in bound, heals when it returns', async () => {
    await mariadb.kill();
    const results = await sendsDuringFault('db-killed');
    expectAnsweredWithin(results);
    expect(results.every((r) => r.kind === 'error' && /HTTP 503/.test(r.message))).toBe(true);
    const ready = await b.readiness();
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      code: 'ERR_DATABASE_UNAVAILABLE',
      checks: { database: 'down', redis: 'up' },
    });
    const restartedAt = Date.now();
    await mariadb.start();
    const ms = await timeToSucceed(() => send('db-back').then(assertOk), 60000);
    reportRecovery('MariaDB restarted -> sends accepted', Date.now() - restartedAt, ms);
    expect((await b.readiness()).status).toBe(200);
  });

  it('MariaDB frozen (SIGSTOP): every request answered in bound with 503, heals on SIGCONT', async () => {
    mariadb.freeze();
    try {
      const results = await sendsDuringFault('db-frozen');
      expectAnsweredWithin(results);
      expect(results.every((r) => r.kind === 'error' && /HTTP 503/.test(r.message))).toBe(true);
      const ready = await b.readiness();
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ code: 'ERR_DATABASE_UNAVAILABLE' });
    } finally {
      mariadb.thaw();
    }
    const thawedAt = Date.now();
    const ms = await timeToSucceed(() => send('db-thawed').then(assertOk), 60000);
    reportRecovery('MariaDB thawed -> sends accepted', Date.now() - thawedAt, ms);
  });

  it('stored every send that got 200 exactly once', async () => {
    const messages = await bob.listMessages({ messageBox: BOX, host: a.url });
    const ids = messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of accepted) expect(ids.filter((x) => x === id)).toHaveLength(1);
    expect(accepted.length).toBeGreaterThan(5);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    reportRecovery('slowest answer during the faults', slowest, slowest);
  });
});

function assertOk(outcome: Outcome): void {
  if (outcome.kind !== 'ok') throw new Error(JSON.stringify(outcome));
}
