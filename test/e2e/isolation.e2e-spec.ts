import { createTestApp, TestApp } from '../helpers/create-test-app';
import { Caller, newCaller } from '../helpers/factories';
import { testEnvironment } from '../helpers/test-environment';

/** The message ids in the caller's own box (whatever box it names). */
async function inbox(who: Caller, box = 'inbox'): Promise<string[]> {
  const res = await who.post<{ messages: Array<{ messageId: string }> }>('/listMessages', {
    messageBox: box,
  });
  return res.json.messages.map((m) => m.messageId);
}

describe('no identity can read, delete or change what belongs to another', () => {
  let t: TestApp;
  let alice: Caller;
  let bob: Caller;
  let eve: Caller;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment());
    [alice, bob, eve] = [newCaller(t.url), newCaller(t.url), newCaller(t.url)];
    const send = await alice.post('/sendMessage', {
      message: { recipient: bob.key, messageBox: 'inbox', messageId: 'for-bob', body: 'private' },
    });
    expect(send.status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists only the caller’s own box, whatever box name is asked for', async () => {
    expect(await inbox(eve)).toEqual([]);
    expect(await inbox(alice)).toEqual([]);
    expect(await inbox(bob)).toEqual(['for-bob']);
  });

  it('cannot acknowledge (delete) another identity’s message, nor one it sent', async () => {
    const byEve = await eve.post('/acknowledgeMessage', { messageIds: ['for-bob'] });
    const bySender = await alice.post('/acknowledgeMessage', { messageIds: ['for-bob'] });
    expect([byEve.status, bySender.status]).toEqual([400, 400]);
    expect(byEve.json).toMatchObject({ code: 'ERR_INVALID_ACKNOWLEDGMENT' });
    expect(await inbox(bob)).toEqual(['for-bob']);
  });

  it('changes only the caller’s own permissions; a claimed recipient is ignored', async () => {
    await eve.post('/permissions/set', {
      messageBox: 'inbox',
      recipientFee: -1,
      sender: alice.key,
    });
    const blockedForEve = await alice.post('/sendMessage', {
      message: { recipient: eve.key, messageBox: 'inbox', messageId: 'x1', body: 'hi' },
    });
    expect(blockedForEve.status).toBe(403);
    const stillOpenForBob = await alice.post('/sendMessage', {
      message: { recipient: bob.key, messageBox: 'inbox', messageId: 'x2', body: 'hi' },
    });
    expect(stillOpenForBob.status).toBe(200);
    const peek = await eve.get<{ permission: unknown }>(
      `/permissions/get?recipient=${bob.key}&messageBox=inbox&sender=${alice.key}`,
    );
    expect(peek.json.permission).toMatchObject({ sender: alice.key, recipientFee: -1 });
    const bobs = await bob.get<{ permissions: unknown[] }>('/permissions/list');
    expect(bobs.json.permissions).toEqual([]);
  });

  it('shows devices only to their owner', async () => {
    await bob.post('/registerDevice', { fcmToken: 'bob-token-0123456789', platform: 'ios' });
    const evesDevices = await eve.get<{ devices: unknown[] }>('/devices');
    expect(evesDevices.json.devices).toEqual([]);
    const bobsDevices = await bob.get<{ devices: Array<{ fcmToken: string }> }>('/devices');
    expect(bobsDevices.json.devices.map((d) => d.fcmToken)).toEqual(['...0123456789']);
  });
});
