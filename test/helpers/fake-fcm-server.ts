import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { AppOptions } from 'firebase-admin/app';

export interface FcmRequest {
  path: string;
  authorization?: string;
  body: { message: Record<string, unknown> };
}

export type FcmReply =
  { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;

/**
 * A throw-away self-signed certificate (the fake server is reached by a trusting test agent). The
 * key and certificate are read into memory and their files removed at once.
 */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-fcm-'));
  try {
    return generateCertificate(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function generateCertificate(dir: string): { key: Buffer; cert: Buffer } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=fcm.googleapis.com',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

/**
 * A local stand-in for FCM's HTTP v1 endpoint, on 127.0.0.1. The real firebase-admin client is
 * pointed at it through AppOptions: a credential that needs no Google token endpoint and an HTTPS
 * agent that connects every request to this server. Nothing leaves the machine.
 */
export class FakeFcmServer {
  readonly requests: FcmRequest[] = [];
  private waiters: Array<() => void> = [];
  private server?: Server;
  private port = 0;
  reply: (req: FcmRequest) => FcmReply = () => ({
    status: 200,
    body: { name: 'projects/test/messages/1' },
  });

  async start(): Promise<void> {
    this.server = createServer(selfSignedCertificate(), (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request: FcmRequest = {
          path: req.url ?? '',
          authorization: req.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as FcmRequest['body'],
        };
        this.requests.push(request);
        this.waiters.splice(0).forEach((w) => w());
        void Promise.resolve(this.reply(request)).then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` requests have arrived (bounded by the test's own time-out). */
  async received(count: number): Promise<FcmRequest[]> {
    while (this.requests.length < count)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.requests;
  }

  appOptions(projectId: string): AppOptions {
    const port = this.port;
    const agent = new Agent({ keepAlive: false });
    // Every connection, whatever host firebase-admin asks for, goes to this local server.
    (agent as unknown as { createConnection: unknown }).createConnection = (
      opts: Record<string, unknown>,
    ) =>
      connect({
        ...opts,
        host: '127.0.0.1',
        port,
        servername: 'fcm.googleapis.com',
        rejectUnauthorized: false,
      });
    return {
      projectId,
      httpAgent: agent,
      credential: {
        getAccessToken: () =>
          Promise.resolve({ access_token: 'test-access-token', expires_in: 3600 }),
      },
    };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
