import { join } from 'node:path';
import { freePort } from '../../helpers/free-port';
import { ChildService } from './child-service';

const ROOT = join(__dirname, '../../..');
export const MAIN = join(ROOT, 'dist/main.js');

/** Short dependency timeouts, so that the bounds asserted below stay small. */
export const FAULT_TIMEOUTS = {
  REDIS_CONNECT_TIMEOUT_MS: '1000',
  REDIS_COMMAND_TIMEOUT_MS: '1000',
  DB_CONNECT_TIMEOUT_MS: '1000',
  DB_QUERY_TIMEOUT_MS: '1500',
  SHUTDOWN_DRAIN_SECONDS: '1',
  SHUTDOWN_GRACE_SECONDS: '5',
};

/** A MessageBox server process (dist/main.js) on a free loopback port. */
export class ServerInstance {
  readonly service: ChildService;

  private constructor(
    readonly port: number,
    env: Record<string, string>,
    name: string,
  ) {
    this.service = new ChildService(name, process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'log',
        LOG_FORMAT: 'json',
        RATE_LIMIT_HANDSHAKES_PER_IP: '0',
        RATE_LIMIT_REQUESTS_PER_IDENTITY: '0',
        ...FAULT_TIMEOUTS,
        ...env,
      },
    });
  }

  static async start(env: Record<string, string>, name = 'messagebox'): Promise<ServerInstance> {
    const instance = new ServerInstance(await freePort(), env, name);
    instance.service.start();
    await instance.service.waitForOutput('Listening on', 60000);
    return instance;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.service.running;
  }

  /** GET /health/ready: status and body, within `boundMs` (throws beyond). */
  async readiness(boundMs = 4000): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(boundMs) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    return this.service.stop(signal);
  }
}
