import { Worker } from 'node:worker_threads';

export interface WorkerResponse {
  status: number;
  json: { code?: string; status?: string };
}

/**
 * POSTs each JSON body to `url` + `path` in turn, authenticated (BRC-103 AuthFetch) as
 * `privateKeyHex`, from a worker thread: the client's own signing and hashing then cost the
 * server's event loop nothing, so a latency probe sees only the server.
 */
export function postFromWorker(
  url: string,
  path: string,
  privateKeyHex: string,
  bodies: unknown[],
): Promise<WorkerResponse[]> {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const { AuthFetch, PrivateKey, ProtoWallet } = require('@bsv/sdk');
    (async () => {
      const http = new AuthFetch(new ProtoWallet(PrivateKey.fromHex(workerData.key)));
      const out = [];
      for (const body of workerData.bodies) {
        const res = await http.fetch(workerData.url + workerData.path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        out.push({ status: res.status, json: await res.json() });
      }
      parentPort.postMessage(out);
    })().catch((e) => parentPort.postMessage({ error: String(e) }));
    `,
    {
      eval: true,
      workerData: { url, path, key: privateKeyHex, bodies: bodies.map((b) => JSON.stringify(b)) },
    },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (m: WorkerResponse[] | { error: string }) => {
      void worker.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}
