import { AuthFetch } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { describeEachDatabase } from '../helpers/database-targets';
import { newCaller } from '../helpers/factories';
import { whileHealthy } from '../helpers/health-during';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { testEnvironment } from '../helpers/test-environment';

/** Small budgets so the attacks stay small; the mechanism is the same at the defaults. */
const PAGE_BYTES = 64 * 1024;
const BODY = 40 * 1024;
const PER_SENDER = 3 * BODY + 4096;
const PER_RECIPIENT = 5 * BODY + 8192;

interface Page {
  status: string;
  messages: Array<{ messageId: string; body: string }>;
  nextCursor?: string;
}

describeEachDatabase('message budgets on $name', (target) => {
  let t: TestApp;
  testAppOnDatabase(
    target,
    (env) =>
      createTestApp(
        testEnvironment({
          ...env,
          MAX_BODY_BYTES: String(64 * 1024),
          LIST_PAGE_MAX_BYTES: String(PAGE_BYTES),
          MAX_STORED_BYTES_PER_SENDER: String(PER_SENDER),
          MAX_STORED_BYTES_PER_RECIPIENT: String(PER_RECIPIENT),
        }),
      ),
    (app) => {
      t = app;
    },
  );

  const post = (who: AuthFetch, path: string, body: unknown) =>
    settlesWithin(
      who.fetch(`${t.url}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  const send = (who: AuthFetch, recipient: string, messageId: string, body = bigBody()) =>
    post(who, 'sendMessage', { message: { recipient, messageBox: 'inbox', messageId, body } });

  const bigBody = () => randomBytes(BODY / 2).toString('hex');

  it('fills a page up to its byte budget and pages the rest with nextCursor, losing nothing', async () => {
    const victim = newCaller(t.url);
    const attacker = newCaller(t.url);
    for (let i = 0; i < 3; i++)
      expect((await send(attacker.http, victim.key, `p${i}`)).status).toBe(200);
    const small = await send(attacker.http, victim.key, 'small', 'hello');
    expect(small.status).toBe(200);

    const { result: pages } = await whileHealthy(t.url, async () => {
      const seen: Page[] = [];
      let cursor: string | undefined;
      do {
        const res = await post(victim.http, 'listMessages', { messageBox: 'inbox', cursor });
        expect(res.status).toBe(200);
        const page = (await res.json()) as Page;
        seen.push(page);
        cursor = page.nextCursor;
      } while (cursor !== undefined && seen.length < 10);
      return seen;
    });
    // Before the budget, one page held everything; now no page carries more than one body
    // beyond PAGE_BYTES, and walking the cursors returns every message once, in order.
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const bytes = page.messages.reduce((n, m) => n + Buffer.byteLength(m.body), 0);
      const largest = Math.max(...page.messages.map((m) => Buffer.byteLength(m.body)));
      expect(page.messages.length).toBeGreaterThan(0);
      expect(bytes - largest).toBeLessThanOrEqual(PAGE_BYTES);
    }
    expect(pages.flatMap((p) => p.messages.map((m) => m.messageId))).toEqual([
      'p0',
      'p1',
      'p2',
      'small',
    ]);
  });

  it('refuses a sender over its stored bytes for one recipient with 409, others unaffected', async () => {
    const victim = newCaller(t.url);
    const attacker = newCaller(t.url);
    const friend = newCaller(t.url);
    const { result: refused } = await whileHealthy(t.url, async () => {
      for (let i = 0; i < 3; i++) {
        expect((await send(attacker.http, victim.key, `a${i}`)).status).toBe(200);
      }
      return send(attacker.http, victim.key, 'a3');
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      status: 'error',
      code: 'ERR_SENDER_STORAGE_FULL',
      recipient: victim.key,
    });
    // Another sender still reaches the victim; the attacker still reaches others.
    expect((await send(friend.http, victim.key, 'f0')).status).toBe(200);
    expect((await send(attacker.http, friend.key, 'a-other')).status).toBe(200);
    // Once the victim acknowledges, the attacker's budget is free again.
    const ack = await post(victim.http, 'acknowledgeMessage', { messageIds: ['a0', 'a1'] });
    expect(ack.status).toBe(200);
    expect((await send(attacker.http, victim.key, 'a4')).status).toBe(200);
  });

  it('refuses any sender once a recipient holds its stored-bytes budget, with 409', async () => {
    const victim = newCaller(t.url);
    const senders = [newCaller(t.url), newCaller(t.url), newCaller(t.url)];
    const { result: refused } = await whileHealthy(t.url, async () => {
      let last: Response | undefined;
      for (let i = 0; i < 8 && (!last || last.status === 200); i++) {
        last = await send(senders[i % 3].http, victim.key, `r${i}`);
      }
      return last!;
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'ERR_RECIPIENT_STORAGE_FULL' });
    // Everything stored is still there to list.
    const res = await post(victim.http, 'listMessages', { messageBox: 'inbox', limit: 100 });
    const first = (await res.json()) as Page;
    expect(first.messages.length).toBeGreaterThan(0);
  });

  it('answers 400 to a message body nested too deeply to store', async () => {
    const sender = newCaller(t.url);
    const recipient = newCaller(t.url);
    const depth = 30_000;
    const raw = `{"message":{"recipient":"${recipient.key}","messageBox":"inbox","messageId":"deep","body":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const res = await settlesWithin(
      sender.http.fetch(`${t.url}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw,
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'ERR_INVALID_MESSAGE_BODY' });
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
