import Redis from 'ioredis';
import { freePort } from '../../helpers/free-port';
import { ChildService } from './child-service';
import { FaultableProcess } from './faultable-process';

/** A redis-server of the test's own on a free loopback port (never the shared one). */
export class RedisServerProcess extends FaultableProcess {
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get process(): ChildService {
    return this.service;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.service = new ChildService('redis-server', 'redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    this.service.start();
    await this.service.waitForOutput('Ready to accept connections', 20000);
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await probe.connect();
    await probe.ping();
    probe.disconnect();
  }
}
