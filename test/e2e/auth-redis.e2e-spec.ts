import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { ProbeModule } from '../helpers/probe.module';
import { RawAuthClient } from '../helpers/raw-auth-client';
import { describeWithRedis, TEST_REDIS_URL } from '../helpers/redis';
import { testEnvironment } from '../helpers/test-environment';

const REDIS_URL = TEST_REDIS_URL;

describeWithRedis('sessions shared through Redis by two app instances', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    const key = randomBytes(32).toString('hex');
    const env = { SERVER_PRIVATE_KEY: key, REDIS_URL };
    one = await createTestApp(testEnvironment(env), [ProbeModule]);
    two = await createTestApp(testEnvironment(env), [ProbeModule]);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('accepts a request on instance 2 after the handshake on instance 1, signed for that session', async () => {
    const client = new RawAuthClient();
    await client.handshake(one.url);
    const { response } = await client.request(two.url, {
      target: '/probe/echo',
      body: '{"via":"two"}',
    });
    expect(response.status).toBe(200);
    expect(response.signatureValid).toBe(true);
    expect(JSON.parse(response.text)).toEqual({
      identityKey: client.identityKey,
      body: { via: 'two' },
    });
  });

  it('refuses on instance 1 a replay of a request first accepted by instance 2', async () => {
    const client = new RawAuthClient();
    await client.handshake(one.url);
    const { response, resend } = await client.request(two.url, {
      target: '/probe/void',
      body: '{}',
    });
    expect(response.status).toBe(200);
    // The signature binds path, query and bytes, not the host: replay it on the other instance.
    const replayed = await resend(one.url);
    expect(replayed.status).toBe(401);
  });
});
