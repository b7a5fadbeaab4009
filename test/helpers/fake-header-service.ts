import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HeaderServiceMode = 'ok' | 'hang' | 'slow' | 'error';

/**
 * A block-header service on 127.0.0.1 speaking WhatsOnChain's `/block/{height}/header` (the
 * blockchain is outside the machine): answers the roots `rootAt` knows, or misbehaves on demand.
 */
export class FakeHeaderService {
  mode: HeaderServiceMode = 'ok';
  requests = 0;
  private server?: Server;

  constructor(
    private readonly rootAt: (height: number) => string | undefined,
    private readonly slowMs = 2000,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests++;
      const match = /^\/block\/(\d+)\/header$/.exec(req.url ?? '');
      const answer = () => {
        const root = match ? this.rootAt(Number(match[1])) : undefined;
        if (!root) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ height: Number(match![1]), merkleroot: root }));
      };
      if (this.mode === 'hang') return;
      if (this.mode === 'error') return void res.writeHead(500).end('{"error":"down"}');
      if (this.mode === 'slow') return void setTimeout(answer, this.slowMs).unref();
      answer();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
