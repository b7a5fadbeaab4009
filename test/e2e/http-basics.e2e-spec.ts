import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';

describe('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ MAX_BODY_BYTES: '2048' }));
  });
  afterAll(() => t.close());

  it('answers GET /health (liveness) publicly with JSON', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'success', uptimeSeconds: expect.any(Number) });
  });

  it('answers CORS preflights before anything else, exposing every header', async () => {
    const res = await fetch(`${t.url}/sendMessage`, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('*');
    expect(res.headers.get('access-control-allow-private-network')).toBe('true');
  });

  it('refuses a body over MAX_BODY_BYTES with 413 in the error envelope', async () => {
    const res = await fetch(`${t.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(4096) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      status: 'error',
      code: 'ERR_PAYLOAD_TOO_LARGE',
      description: 'Request body exceeds the limit of 2048 bytes.',
    });
  });

  it('keeps serving after a refused oversized body', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
  });
});
