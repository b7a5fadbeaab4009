import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../helpers/free-port';
import { ChildService } from './child-service';

const DEPLOYED_CONF = join(__dirname, '../../../deploy/nginx.conf');

/** True when Debian's nginx is installed here (the topology test needs it). */
export function nginxInstalled(): boolean {
  return spawnSync('nginx', ['-v'], { encoding: 'utf8' }).status === 0;
}

/**
 * Real nginx on loopback, running deploy/nginx.conf unchanged except for the addresses: the
 * compose service names become the test instances' ports and `listen 80` a free loopback port.
 */
export class NginxProcess {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mb-nginx-'));
  private service?: ChildService;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(first: number, second: number): Promise<void> {
    this.port = await freePort();
    const site = readFileSync(DEPLOYED_CONF, 'utf8')
      .replaceAll('messagebox-2:8080', `127.0.0.1:${second}`)
      .replaceAll('messagebox:8080', `127.0.0.1:${first}`)
      .replace(/listen 80;/, `listen 127.0.0.1:${this.port};`);
    if (site.includes(':8080') || !site.includes(String(this.port))) {
      throw new Error('deploy/nginx.conf no longer has the expected upstreams and listen line');
    }
    writeFileSync(join(this.dir, 'site.conf'), site);
    const runAsRoot = process.getuid?.() === 0 ? 'user root;\n' : '';
    writeFileSync(
      join(this.dir, 'nginx.conf'),
      `${runAsRoot}daemon off;
worker_processes 1;
pid ${join(this.dir, 'nginx.pid')};
error_log ${join(this.dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(this.dir, 'body')};
  proxy_temp_path ${join(this.dir, 'proxy')};
  include ${join(this.dir, 'site.conf')};
}
`,
    );
    this.service = new ChildService('nginx', 'nginx', [
      '-p',
      this.dir,
      '-c',
      join(this.dir, 'nginx.conf'),
    ]);
    this.service.start();
    // nginx prints nothing on success: the first answered request says it listens.
    for (let attempt = 0; ; attempt++) {
      try {
        await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1000) });
        return;
      } catch (error) {
        if (attempt > 50 || !this.service.running) {
          throw new Error(
            `nginx did not start: ${String(error)}\n${this.service.tail()}\n${this.errorLog()}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  errorLog(): string {
    try {
      return readFileSync(join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    if (this.service?.running) await this.service.stop('SIGQUIT');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
