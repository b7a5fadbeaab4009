import { settlesWithin } from './auth-clients';

/**
 * Runs `attack` while asking GET /health over and over (one request at a time): each answer must
 * be a 200 within `promptMs`, however long the attack takes. Returns the attack's result and how
 * many health checks were answered during it.
 */
export async function whileHealthy<T>(
  url: string,
  attack: () => Promise<T>,
  promptMs = 3000,
): Promise<{ result: T; checks: number }> {
  let done = false;
  let checks = 0;
  const probe = (async () => {
    do {
      const res = await settlesWithin(fetch(`${url}/health`), promptMs, 'GET /health');
      if (res.status !== 200) throw new Error(`GET /health answered ${res.status}`);
      await res.arrayBuffer();
      checks++;
    } while (!done);
  })();
  try {
    const result = await attack();
    done = true;
    await probe;
    return { result, checks };
  } finally {
    done = true;
    await probe.catch(() => undefined);
  }
}
