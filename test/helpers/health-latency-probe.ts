import { Worker } from 'node:worker_threads';

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
