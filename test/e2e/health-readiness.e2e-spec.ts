import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { describeEachDatabase } from '../helpers/database-targets';
import { describeWithRedis, TEST_REDIS_URL } from '../helpers/redis';
import { testEnvironment } from '../helpers/test-environment';

const REDIS_URL = TEST_REDIS_URL;

describeWithRedis('readiness with Redis', () => {
  describeEachDatabase('health probes on $name', (target) => {
    let t!: TestApp;
    testAppOnDatabase(
      target,
      (env) => createTestApp(testEnvironment({ ...env, REDIS_URL, ENABLE_WEBSOCKETS: 'false' })),
      (app) => (t = app),
    );

    it('reports ready while the database and Redis answer, then 503 once the database is gone', async () => {
      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'success',
        checks: { database: 'up', redis: 'up' },
      });

      await t.app.get(DataSource).destroy();

      const down = await fetch(`${t.url}/health/ready`);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await down.json()).toEqual({
        status: 'error',
        code: 'ERR_DATABASE_UNAVAILABLE',
        description: 'The database is not reachable.',
        checks: { database: 'down', redis: 'up' },
      });
      // Liveness does not depend on the database: the process itself is fine.
      const live = await fetch(`${t.url}/health`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'success' });
    });
  });
});

describe('readiness with an unreachable Redis', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, connections are refused at once.
    t = await createTestApp(
      testEnvironment({ REDIS_URL: 'redis://127.0.0.1:1', ENABLE_WEBSOCKETS: 'false' }),
    );
  });
  afterAll(() => t.close());

  it('answers 503 ERR_REDIS_UNAVAILABLE while the database is fine', async () => {
    const res = await fetch(`${t.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'error',
      code: 'ERR_REDIS_UNAVAILABLE',
      description: 'The Redis server is not reachable.',
      checks: { database: 'up', redis: 'down' },
    });
  });
});
