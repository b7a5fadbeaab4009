import { Worker } from 'node:worker_threads';
import { settlesWithin } from './auth-clients';

/*
 * /health asked while a test attacks the server, two ways: whileHealthy() asks from the test's own
 * thread and requires every answer within a bound; probeHealth() asks from a worker thread (its
 * own event loop) and returns every round-trip time for the test to judge.
 */

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

/**
 * Polls GET /health from a worker thread (its own event loop) until stopped, and reports every
 * round-trip time: a server stalled by a request shows up as a slow or missing answer, whatever
 * the test's own thread is doing.
 */
export async function probeHealth(url: string): Promise<{ stop: () => Promise<number[]> }> {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const times = [];
    let running = true;
    parentPort.on('message', () => { running = false; });
    (async () => {
      // Warm-up answers (connection set-up, first compilation) are not the server's latency.
      for (let i = 0; i < 5; i++) await (await fetch(workerData + '/health')).arrayBuffer();
      parentPort.postMessage('ready');
      while (running) {
        const started = performance.now();
        try {
          const res = await fetch(workerData + '/health', { signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
          times.push(res.ok ? performance.now() - started : Infinity);
        } catch { times.push(Infinity); }
        await new Promise((r) => setTimeout(r, 5));
      }
      parentPort.postMessage(times);
    })();
    `,
    { eval: true, workerData: url },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    stop: () =>
      new Promise<number[]>((resolve, reject) => {
        worker.once('message', (times: number[]) => {
          void worker.terminate();
          resolve(times);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}
