import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../helpers/free-port';
import { ChildService } from './child-service';
import { FaultableProcess } from './faultable-process';

/**
 * A mariadbd of the test's own: a data directory initialised with mariadb-install-db in a temp
 * directory, on a free loopback port (never the shared server). Restarting reuses the data.
 */
export class MariadbServerProcess extends FaultableProcess {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mb-faults-mariadb-'));
  port = 0;

  /** A URL for database `name` (root without password, as mariadb-install-db sets it up). */
  url(name: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${name}`;
  }

  get process(): ChildService {
    return this.service;
  }

  async install(): Promise<void> {
    const run = spawnSync(
      'mariadb-install-db',
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8', timeout: 120000 },
    );
    if (run.status !== 0) throw new Error(`mariadb-install-db failed: ${run.stderr || run.error}`);
    this.port = await freePort();
  }

  async start(): Promise<void> {
    this.service = new ChildService('mariadbd', 'mariadbd', [
      '--no-defaults',
      `--datadir=${join(this.dir, 'data')}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(this.dir, 'mysqld.sock')}`,
      `--pid-file=${join(this.dir, 'mysqld.pid')}`,
      '--user=root',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
      '--innodb-log-file-size=16M',
    ]);
    this.service.start();
    await this.service.waitForOutput(/ready for connections[\s\S]*port: /, 60000);
  }

  async createDatabase(name: string): Promise<void> {
    const conn = await createConnection({ uri: `mysql://root@127.0.0.1:${this.port}` });
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
    await conn.end();
  }

  async remove(): Promise<void> {
    if (this.service?.running) await this.service.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
