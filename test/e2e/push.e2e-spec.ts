import { FIREBASE_APP_OPTIONS } from '../../src/push/firebase-app-options';
import { PushListener } from '../../src/push/push.listener';
import { DeviceRegistrationEntity } from '../../src/devices/device-registration.entity';
import { DataSource } from 'typeorm';
import { settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { newCaller } from '../helpers/factories';
import { FakeFcmServer } from '../helpers/fake-fcm-server';
import { testEnvironment } from '../helpers/test-environment';

const PROJECT = 'messagebox-test';
const SERVICE_ACCOUNT = JSON.stringify({
  project_id: PROJECT,
  client_email: 'push@messagebox-test.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nunused-by-the-fake\n-----END PRIVATE KEY-----\n',
});

describe('push notifications through the real firebase-admin client and a local fake FCM', () => {
  const fcm = new FakeFcmServer();
  let t: TestApp;

  beforeAll(async () => {
    await fcm.start();
    t = await createTestApp(
      testEnvironment({
        FIREBASE_PROJECT_ID: PROJECT,
        FIREBASE_SERVICE_ACCOUNT_JSON: SERVICE_ACCOUNT,
        DEFAULT_RECIPIENT_FEES: 'notifications=0',
        MESSAGEBOX_FEES: 'notifications=0',
      }),
      [],
      0,
      (b) => b.overrideProvider(FIREBASE_APP_OPTIONS).useValue(fcm.appOptions(PROJECT)),
    );
  });
  afterAll(async () => {
    await t.close();
    await fcm.stop();
  });

  const devices = () => t.app.get(DataSource).getRepository(DeviceRegistrationEntity);

  it('sends one FCM message per active device of the recipient, with the documented payload', async () => {
    const [alice, bob] = [newCaller(t.url), newCaller(t.url)];
    await bob.post('/registerDevice', { fcmToken: 'bob-phone-token', platform: 'ios' });
    await bob.post('/registerDevice', { fcmToken: 'bob-tablet-token', platform: 'android' });
    fcm.requests.length = 0;
    const send = await alice.post('/sendMessage', {
      message: {
        recipient: bob.key,
        messageBox: 'notifications',
        messageId: 'push-1',
        body: 'ding',
      },
    });
    expect(send.status).toBe(200);
    const requests = await fcm.received(2);
    expect(requests.map((r) => r.path)).toEqual([
      `/v1/projects/${PROJECT}/messages:send`,
      `/v1/projects/${PROJECT}/messages:send`,
    ]);
    expect(requests[0].authorization).toBe('Bearer test-access-token');
    const byToken = new Map(requests.map((r) => [r.body.message.token, r.body.message]));
    expect([...byToken.keys()].sort()).toEqual(['bob-phone-token', 'bob-tablet-token']);
    expect(byToken.get('bob-phone-token')).toEqual({
      token: 'bob-phone-token',
      notification: { title: 'New Message', body: 'push-1' },
      data: { messageId: 'push-1', originator: alice.key },
      android: { priority: 'high', data: { messageId: 'push-1', originator: alice.key } },
      apns: {
        headers: { 'apns-push-type': 'alert', 'apns-priority': '10' },
        payload: {
          aps: { 'mutable-content': 1, alert: { title: 'New Message', body: 'push-1' } },
          messageId: 'push-1',
          originator: alice.key,
        },
      },
    });
    await t.app.get(PushListener).drain();
    const rows = await devices().find({ where: { identityKey: bob.key } });
    expect(rows.every((d) => d.lastUsed !== null)).toBe(true);
  });

  it('sends nothing for other boxes', async () => {
    const [alice, bob] = [newCaller(t.url), newCaller(t.url)];
    await bob.post('/registerDevice', { fcmToken: 'quiet-token' });
    fcm.requests.length = 0;
    await alice.post('/sendMessage', {
      message: { recipient: bob.key, messageBox: 'inbox', messageId: 'no-push', body: 'x' },
    });
    await alice.post('/sendMessage', {
      message: { recipient: bob.key, messageBox: 'notifications', messageId: 'marker', body: 'x' },
    });
    const requests = await fcm.received(1);
    expect(requests.map((r) => r.body.message.notification)).toEqual([
      { title: 'New Message', body: 'marker' },
    ]);
  });

  it('deactivates a token FCM reports as UNREGISTERED', async () => {
    const [alice, bob] = [newCaller(t.url), newCaller(t.url)];
    await bob.post('/registerDevice', { fcmToken: 'dead-token' });
    fcm.reply = (req) =>
      req.body.message.token === 'dead-token'
        ? {
            status: 404,
            body: {
              error: {
                code: 404,
                status: 'NOT_FOUND',
                message: 'Requested entity was not found.',
                details: [
                  {
                    '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError',
                    errorCode: 'UNREGISTERED',
                  },
                ],
              },
            },
          }
        : { status: 200, body: { name: 'ok' } };
    await alice.post('/sendMessage', {
      message: { recipient: bob.key, messageBox: 'notifications', messageId: 'to-dead', body: 'x' },
    });
    await t.app.get(PushListener).drain();
    const row = await devices().findOneByOrFail({ fcmToken: 'dead-token' });
    expect(row.active).toBe(false);
    const listed = await settlesWithin(bob.http.fetch(`${t.url}/devices`));
    expect(
      ((await listed.json()) as { devices: Array<{ active: boolean }> }).devices.map(
        (d) => d.active,
      ),
    ).toEqual([false]);
    fcm.reply = () => ({ status: 200, body: { name: 'ok' } });
  });

  it('answers /sendMessage while FCM hangs, and still 200 when FCM fails', async () => {
    const [alice, bob] = [newCaller(t.url), newCaller(t.url)];
    await bob.post('/registerDevice', { fcmToken: 'slow-token' });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fcm.requests.length = 0;
    fcm.reply = async () => {
      await held;
      return { status: 500, body: { error: { code: 500, status: 'INTERNAL', message: 'boom' } } };
    };
    const send = await alice.post('/sendMessage', {
      message: { recipient: bob.key, messageBox: 'notifications', messageId: 'slow', body: 'x' },
    });
    expect(send.status).toBe(200);
    await fcm.received(1); // FCM has the request and has not answered yet
    release();
    await t.app.get(PushListener).drain();
    const row = await devices().findOneByOrFail({ fcmToken: 'slow-token' });
    expect(row.active).toBe(true);
    fcm.reply = () => ({ status: 200, body: { name: 'ok' } });
  });
});
