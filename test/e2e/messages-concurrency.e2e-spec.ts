import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testAppOnDatabase } from '../helpers/test-app-on-database';
import { describeEachDatabase } from '../helpers/database-targets';
import { newCaller } from '../helpers/factories';
import { testEnvironment } from '../helpers/test-environment';

const SENDERS = 8;
const PER_SENDER = 100;

describeEachDatabase('concurrent sends and acknowledgements on $name', (target) => {
  let t!: TestApp;
  testAppOnDatabase(
    target,
    (env) => createTestApp(testEnvironment(env)),
    (app) => (t = app),
  );

  it('lists every accepted send exactly once until it is acknowledged', async () => {
    const url = t.url;
    const recipient = newCaller(url);
    const senders = Array.from({ length: SENDERS }, () => newCaller(url));
    const accepted = new Set<string>();
    const acked = new Set<string>();
    let sending = true;

    const sendAll = Promise.all(
      senders.map(async (s, si) => {
        for (let i = 0; i < PER_SENDER; i++) {
          const messageId = `s${si}-m${i}`;
          const res = await s.post('/sendMessage', {
            message: {
              recipient: recipient.key,
              messageBox: 'inbox',
              messageId,
              body: `body ${messageId}`,
            },
          });
          expect(res.status).toBe(200);
          accepted.add(messageId);
        }
      }),
    ).finally(() => {
      sending = false;
    });

    const drain = (async () => {
      // Bounded: at most this many list/ack rounds, far more than needed.
      let drained = false;
      for (let round = 0; round < 5000 && !drained; round++) {
        const wasSending = sending;
        const ackedBefore = new Set(acked);
        const listed = await recipient.post<{ messages: Array<{ messageId: string }> }>(
          '/listMessages',
          {
            messageBox: 'inbox',
            limit: 50,
          },
        );
        const ids = listed.json.messages.map((m) => m.messageId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.filter((id) => ackedBefore.has(id))).toEqual([]);
        if (ids.length > 0) {
          const ack = await recipient.post('/acknowledgeMessage', { messageIds: ids });
          expect(ack.status).toBe(200);
          ids.forEach((id) => acked.add(id));
        } else {
          // Empty after the senders had finished: everything sent has been drained.
          drained = !wasSending;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (!drained) throw new Error('drain did not finish');
    })();

    await Promise.all([sendAll, drain]);
    expect(accepted.size).toBe(SENDERS * PER_SENDER);
    expect([...acked].sort()).toEqual([...accepted].sort());
    const after = await recipient.post<{ messages: unknown[] }>('/listMessages', {
      messageBox: 'inbox',
    });
    expect(after.json.messages).toEqual([]);
  }, 180000);

  it('accepts concurrent first sends into one fresh box', async () => {
    const url = t.url;
    const recipient = newCaller(url);
    const senders = Array.from({ length: 12 }, () => newCaller(url));
    const results = await Promise.all(
      senders.map((s, i) =>
        s.post('/sendMessage', {
          message: {
            recipient: recipient.key,
            messageBox: 'brand-new-box',
            messageId: `first-${i}`,
            body: 'hello',
          },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(senders.map(() => 200));
    const listed = await recipient.post<{ messages: Array<{ messageId: string }> }>(
      '/listMessages',
      {
        messageBox: 'brand-new-box',
      },
    );
    expect(listed.json.messages.map((m) => m.messageId).sort()).toEqual(
      senders.map((_, i) => `first-${i}`).sort(),
    );
  });
});
