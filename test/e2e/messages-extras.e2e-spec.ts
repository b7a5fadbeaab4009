import { settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { EventRecorder, EventRecorderModule } from '../helpers/event-recorder';
import { newCaller } from '../helpers/factories';
import { testEnvironment } from '../helpers/test-environment';

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('sending: events, paging, fees and the route prefix', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ ROUTING_PREFIX: '/api', LIST_MESSAGES_MAX: '5' }), [
      EventRecorderModule,
    ]);
  });
  afterAll(() => t.close());

  it('serves the API under ROUTING_PREFIX while the handshake and /health stay at the root', async () => {
    const alice = newCaller(t.url);
    const res = await alice.post<{ status: string }>('/api/listMessages', {
      messageBox: 'inbox',
    });
    expect(res).toEqual({ status: 200, json: { status: 'success', messages: [] } });
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    const unprefixed = await settlesWithin(
      alice.http.fetch(`${t.url}/listMessages`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: '{}',
      }),
    );
    expect(unprefixed.status).toBe(404);
  });

  it('publishes message.created once per newly stored row after commit; a failing listener fails nothing', async () => {
    const recorder = t.app.get(EventRecorder);
    const [alice, bob, carol] = [newCaller(t.url), newCaller(t.url), newCaller(t.url)];
    const body = {
      message: {
        recipients: [bob.key, carol.key],
        messageBox: 'inbox',
        messageId: ['e1', 'e2'],
        body: { n: 1 },
      },
    };
    const first = await alice.post('/api/sendMessage', body);
    const again = await alice.post('/api/sendMessage', body);
    expect([first.status, again.status]).toEqual([200, 200]);
    const mine = recorder.created.filter((e) => e.sender === alice.key);
    expect(
      mine.map((e) => [e.recipient, e.messageId, e.messageBox, JSON.parse(e.body) as unknown]),
    ).toEqual([
      [bob.key, 'e1', 'inbox', { message: { n: 1 } }],
      [carol.key, 'e2', 'inbox', { message: { n: 1 } }],
    ]);
  });

  it('pages a box oldest first, up to LIST_MESSAGES_MAX, with a cursor for newer clients', async () => {
    const [alice, bob] = [newCaller(t.url), newCaller(t.url)];
    for (let i = 0; i < 7; i++) {
      await alice.post('/api/sendMessage', {
        message: { recipient: bob.key, messageBox: 'inbox', messageId: `p${i}`, body: 'x' },
      });
    }
    type Page = { messages: Array<{ messageId: string }>; nextCursor?: string };
    const first = await bob.post<Page>('/api/listMessages', { messageBox: 'inbox' });
    expect(first.json.messages.map((m) => m.messageId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    const small = await bob.post<Page>('/api/listMessages', {
      messageBox: 'inbox',
      limit: 3,
      cursor: undefined,
    });
    expect(small.json.messages.map((m) => m.messageId)).toEqual(['p0', 'p1', 'p2']);
    const next = await bob.post<Page>('/api/listMessages', {
      messageBox: 'inbox',
      limit: 3,
      cursor: small.json.nextCursor,
    });
    expect(next.json.messages.map((m) => m.messageId)).toEqual(['p3', 'p4', 'p5']);
    const last = await bob.post<Page>('/api/listMessages', {
      messageBox: 'inbox',
      limit: 3,
      cursor: next.json.nextCursor,
    });
    expect(last.json).toEqual({
      status: 'success',
      messages: [expect.objectContaining({ messageId: 'p6' })],
    });
  });

  it('requires a payment where a fee applies and refuses one that is not a transaction', async () => {
    const [alice, bob] = [newCaller(t.url), newCaller(t.url)];
    const message = {
      recipient: bob.key,
      messageBox: 'notifications',
      messageId: 'n1',
      body: 'ping',
    };
    const unpaid = await alice.post<{ code: string }>('/api/sendMessage', { message });
    expect(unpaid).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
    const noOutputs = await alice.post<{ code: string }>('/api/sendMessage', {
      message,
      payment: { tx: [1, 2, 3], outputs: [] },
    });
    expect(noOutputs).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_DELIVERY_OUTPUT' } });
    const paid = await alice.post<{ code: string }>('/api/sendMessage', {
      message,
      payment: { tx: [1, 2, 3], outputs: [{ outputIndex: 0, protocol: 'wallet payment' }] },
    });
    expect(paid).toMatchObject({ status: 400, json: { code: 'ERR_MISSING_PAYMENT_TX' } });
    const listed = await bob.post<{ messages: unknown[] }>('/api/listMessages', {
      messageBox: 'notifications',
    });
    expect(listed.json.messages).toEqual([]);
  });
});
