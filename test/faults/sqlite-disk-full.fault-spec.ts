import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { identityOf, newWallet } from '../helpers/auth-clients';
import { timeToSucceed } from './helpers/bounded';
import { reportRecovery } from './helpers/recovery-report';
import { requireOrSkip } from './helpers/require-or-skip';
import { ServerInstance } from './helpers/server-instance';
import { SmallDisk, tmpfsMissing } from './helpers/tmpfs-mount';

const noTmpfs = tmpfsMissing();
const describeWithTmpfs = requireOrSkip(noTmpfs === undefined, noTmpfs ?? '');
/** Room for the schema and the messages sent before the filler takes the rest. */
const DISK_BYTES = 64 * 1024 * 1024;
/**
 * The two ways a send writes: one recipient is one autocommit INSERT; two recipients whose bodies
 * exceed the insert batch (4 MB) are two INSERTs in one transaction (messages.repository.ts).
 */
const SENDS = {
  single: { copies: 1, body: 'x'.repeat(16 * 1024) },
  transaction: { copies: 2, body: 'y'.repeat(2.5 * 1024 * 1024) },
};
type SendKind = keyof typeof SENDS;
/** Sends tried after the disk is full until one is refused (the WAL may still hold a few). */
const MAX_SENDS_UNTIL_FULL = 300;

interface Answer {
  status: number;
  code?: string;
}

describeWithTmpfs('SQLite on a full disk', () => {
  let disk: SmallDisk | undefined;
  let instance: ServerInstance | undefined;
  afterAll(async () => {
    await instance?.stop('SIGKILL');
    disk?.remove();
  });

  it('answers 503 while full, readiness follows, and both recover once space is freed, without a restart', async () => {
    disk = SmallDisk.create(DISK_BYTES);
    const env = {
      SERVER_PRIVATE_KEY: randomBytes(32).toString('hex'),
      DB_SOURCE: join(disk.dir, 'mb.db'),
    };
    instance = await ServerInstance.start(env, 'instance on a small disk');
    const server = instance;
    expect((await server.readiness()).status).toBe(200);
    const alice = new AuthFetch(newWallet());
    const bobWallet = newWallet();
    const bob = await identityOf(bobWallet);
    const accepted: string[] = [];
    // Through AuthFetch, an answer that is not signed by the server would be an error (and only
    // signed headers reach the caller: Retry-After is checked on readiness below).
    const send = async (kind: SendKind = 'single'): Promise<Answer> => {
      const { copies, body } = SENDS[kind];
      // Bob gets each message once; the other copies go to throw-away recipients.
      const recipients = [bob, ...Array.from({ length: copies - 1 }, throwAwayKey)];
      const messageIds = recipients.map(() => randomUUID());
      const res = await alice.fetch(`${server.url}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          message: { recipients, messageBox: 'inbox', messageId: messageIds, body },
        }),
      });
      const answer = (await res.json()) as { code?: string };
      if (res.status === 200) accepted.push(messageIds[0]);
      return { status: res.status, code: answer.code };
    };
    expect((await send('single')).status).toBe(200);
    expect((await send('transaction')).status).toBe(200);

    const filler = join(disk.dir, 'filler');
    fillDisk(filler);
    const whileFull: Answer[] = [];
    while (whileFull.length < MAX_SENDS_UNTIL_FULL && whileFull.at(-1)?.status !== 503)
      whileFull.push(await send());
    expect(whileFull.filter((a) => a.status !== 200)).toEqual([
      { status: 503, code: 'ERR_DATABASE_UNAVAILABLE' },
    ]);
    // Readiness sees it (its write probe result is reused for a few seconds).
    await timeToSucceed(async () => {
      const ready = await fetch(`${server.url}/health/ready`, {
        signal: AbortSignal.timeout(4000),
      });
      if (ready.status !== 503) throw new Error(`readiness ${ready.status}`);
      expect(await ready.json()).toMatchObject({ code: 'ERR_DATABASE_UNAVAILABLE' });
      expect(Number(ready.headers.get('retry-after'))).toBeGreaterThan(0);
    }, 20000);
    expect(await send('single')).toEqual({ status: 503, code: 'ERR_DATABASE_UNAVAILABLE' });
    expect(await send('transaction')).toEqual({ status: 503, code: 'ERR_DATABASE_UNAVAILABLE' });

    rmSync(filler);
    const freed = Date.now();
    const sinceFreed = (attempt: () => Promise<void>) =>
      timeToSucceed(attempt, 30000).then(() => Date.now() - freed);
    const accepts = (kind: SendKind) => async () => {
      const answer = await send(kind);
      if (answer.status !== 200) throw new Error(`${kind} send: ${JSON.stringify(answer)}`);
    };
    const readyMs = await sinceFreed(async () => {
      const ready = await server.readiness();
      if (ready.status !== 200) throw new Error(`readiness ${ready.status}`);
    });
    const singleMs = await sinceFreed(accepts('single'));
    const transactionMs = await sinceFreed(accepts('transaction'));
    reportRecovery('SQLite disk freed → readiness 200', readyMs, readyMs);
    reportRecovery('SQLite disk freed → single-insert send accepted', singleMs, singleMs);
    reportRecovery('SQLite disk freed → transaction send accepted', transactionMs, transactionMs);
    expect((await send('single')).status).toBe(200);
    expect((await send('transaction')).status).toBe(200);
    expect(server.alive).toBe(true);

    // Every send answered 200 is stored exactly once, and committed: a fresh process (a new
    // connection) lists it. No refused one is.
    expect(await server.stop('SIGTERM')).toBe(0);
    instance = await ServerInstance.start(env, 'restarted instance');
    const stored = await listAll(new AuthFetch(bobWallet), instance.url);
    expect(stored.sort()).toEqual([...accepted].sort());
  });
});

function throwAwayKey(): string {
  return PrivateKey.fromRandom().toPublicKey().toString();
}

/** Writes until the file system says ENOSPC, in ever smaller pieces, so that no block is left. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (let chunk = 1024 * 1024; chunk >= 512; chunk /= 2) {
      const bytes = Buffer.alloc(chunk, 0xff);
      for (;;) {
        try {
          writeSync(fd, bytes);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

async function listAll(who: AuthFetch, url: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await who.fetch(`${url}/listMessages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messageBox: 'inbox', ...(cursor ? { cursor } : {}) }),
    });
    const page = (await res.json()) as {
      messages: Array<{ messageId: string }>;
      nextCursor?: string;
    };
    ids.push(...page.messages.map((m) => m.messageId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}
