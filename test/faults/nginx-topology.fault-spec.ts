import { MessageBoxClient } from '@bsv/message-box-client';
import { randomBytes } from 'node:crypto';
import { newMessageBoxClient } from '../helpers/message-box-client';
import { handshakeFrom } from './helpers/handshake-from';
import { LiveWatcher } from './helpers/live-watcher';
import { MariadbServerProcess } from './helpers/mariadb-server-process';
import { NginxProcess, nginxInstalled } from './helpers/nginx-process';
import { RedisServerProcess } from './helpers/redis-server-process';
import { ServerInstance } from './helpers/server-instance';
import { requireOrSkip } from './helpers/require-or-skip';

const HANDSHAKES_PER_IP = 4;
const BOX = 'topology_inbox';

const describeWithNginx = requireOrSkip(
  nginxInstalled(),
  'nginx is not installed (apt-get install nginx-light)',
);

describeWithNginx('two instances behind real nginx (deploy/nginx.conf)', () => {
  const redis = new RedisServerProcess();
  const mariadb = new MariadbServerProcess();
  const nginx = new NginxProcess();
  const instances: ServerInstance[] = [];
  const clients: MessageBoxClient[] = [];
  let a: ServerInstance;
  let b: ServerInstance;

  beforeAll(async () => {
    await redis.start();
    await mariadb.install();
    await mariadb.start();
    await mariadb.createDatabase('mb_topology');
    const env = {
      SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
      REDIS_URL: redis.url,
      DB_DRIVER: 'mysql',
      DB_SOURCE: mariadb.url('mb_topology'),
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_HANDSHAKES_PER_IP: String(HANDSHAKES_PER_IP),
      RATE_LIMIT_WINDOW_SECONDS: '600',
    };
    a = await ServerInstance.start(env, 'instance A');
    b = await ServerInstance.start(env, 'instance B');
    instances.push(a, b);
    await nginx.start(a.port, b.port);
  }, 240000);

  afterAll(async () => {
    for (const c of clients) await c.disconnectWebSocket().catch(() => undefined);
    await nginx.stop();
    for (const i of instances) await i.stop('SIGKILL');
    await redis.kill();
    await mariadb.remove();
  });

  function client(host: string): MessageBoxClient {
    const c = newMessageBoxClient(host);
    clients.push(c);
    return c;
  }

  it('serves the official client through nginx on both instances, live across them', async () => {
    const bob = client(nginx.url);
    const bobKey = await bob.getIdentityKey();
    const live = new LiveWatcher();
    await live.listen(bob, BOX);
    const alice = client(nginx.url);
    const sent: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await alice.sendMessage(
        { recipient: bobKey, messageBox: BOX, body: `via nginx ${i}` },
        nginx.url,
      );
      sent.push(r.messageId);
    }
    // And straight to each instance: one of them is not the one holding bob's socket.
    for (const host of [a.url, b.url]) {
      const direct = client(host);
      const r = await direct.sendMessage({ recipient: bobKey, messageBox: BOX, body: host }, host);
      sent.push(r.messageId);
    }
    for (const id of sent) await live.waitFor(id, 5000);
    // Round robin: both instances answered sends that came through nginx. Request log lines are
    // written in batches, so wait (bounded) for each instance's line rather than read it at once.
    for (const i of [a, b]) await i.service.waitForOutput('"route":"/sendMessage"', 5000);
    const listed = await bob.listMessages({ messageBox: BOX, host: nginx.url });
    expect(listed.map((m) => m.messageId).sort()).toEqual([...sent].sort());
  });

  it("rate-limits handshakes by the client's address (X-Forwarded-For), not nginx's", async () => {
    // Per instance and per address: enough handshakes to exhaust both instances for 127.0.0.2.
    const statuses: number[] = [];
    for (let i = 0; i < 2 * HANDSHAKES_PER_IP + 2; i++) {
      statuses.push(await handshakeFrom(nginx.url, '127.0.0.2'));
    }
    expect(statuses).toEqual([...Array(2 * HANDSHAKES_PER_IP).fill(200), 429, 429]);
    // Another client behind the same nginx is not affected.
    expect(await handshakeFrom(nginx.url, '127.0.0.3')).toBe(200);
    expect(await handshakeFrom(nginx.url, '127.0.0.3')).toBe(200);
  });
});
