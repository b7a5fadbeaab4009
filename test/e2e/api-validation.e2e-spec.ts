import { AuthFetch, PrivateKey } from '@bsv/sdk';
import { newAuthFetch, newWallet, settlesWithin } from '../helpers/auth-clients';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';

type Case = [label: string, body: unknown, status: number, code: string];

const key = () => PrivateKey.fromRandom().toPublicKey().toString();
const K1 = key();
const K2 = key();
const UNCOMPRESSED = PrivateKey.fromRandom().toPublicKey().encode(false, 'hex') as string;
const OFF_CURVE = '02' + '0'.repeat(63) + '5';
const msg = (m: Record<string, unknown>) => ({
  message: { recipient: K1, messageBox: 'inbox', messageId: 'id-1', body: 'hi', ...m },
});
const long = (n: number) => 'x'.repeat(n);

const SEND: Case[] = [
  ['no message', {}, 400, 'ERR_MESSAGE_REQUIRED'],
  ['null message', { message: null }, 400, 'ERR_MESSAGE_REQUIRED'],
  ['null body', null, 400, 'ERR_MESSAGE_REQUIRED'],
  ['message as a string', { message: 'hello' }, 400, 'ERR_INVALID_MESSAGEBOX'],
  ['message as an array', { message: [] }, 400, 'ERR_INVALID_MESSAGEBOX'],
  ['numeric messageBox', msg({ messageBox: 5 }), 400, 'ERR_INVALID_MESSAGEBOX'],
  ['array messageBox', msg({ messageBox: ['inbox'] }), 400, 'ERR_INVALID_MESSAGEBOX'],
  ['blank messageBox', msg({ messageBox: '   ' }), 400, 'ERR_INVALID_MESSAGEBOX'],
  ['huge messageBox', msg({ messageBox: long(256) }), 400, 'ERR_INVALID_MESSAGEBOX'],
  ['null message body', msg({ body: null }), 400, 'ERR_INVALID_MESSAGE_BODY'],
  ['numeric message body', msg({ body: 42 }), 400, 'ERR_INVALID_MESSAGE_BODY'],
  ['boolean message body', msg({ body: true }), 400, 'ERR_INVALID_MESSAGE_BODY'],
  ['blank message body', msg({ body: '  ' }), 400, 'ERR_INVALID_MESSAGE_BODY'],
  ['no recipient', msg({ recipient: undefined }), 400, 'ERR_RECIPIENT_REQUIRED'],
  [
    'null recipients and recipient',
    msg({ recipient: null, recipients: null }),
    400,
    'ERR_RECIPIENT_REQUIRED',
  ],
  [
    'empty recipients',
    msg({ recipient: undefined, recipients: [], messageId: [] }),
    400,
    'ERR_RECIPIENT_REQUIRED',
  ],
  [
    'too many recipients',
    msg({ recipient: undefined, recipients: Array(101).fill(K1), messageId: Array(101).fill('a') }),
    400,
    'ERR_TOO_MANY_RECIPIENTS',
  ],
  ['no messageId', msg({ messageId: undefined }), 400, 'ERR_MESSAGEID_REQUIRED'],
  ['null messageId', msg({ messageId: null }), 400, 'ERR_MESSAGEID_REQUIRED'],
  [
    'one id for two recipients',
    msg({ recipient: undefined, recipients: [K1, K2], messageId: 'one' }),
    400,
    'ERR_MESSAGEID_COUNT_MISMATCH',
  ],
  [
    'three ids for two recipients',
    msg({ recipient: undefined, recipients: [K1, K2], messageId: ['a', 'b', 'c'] }),
    400,
    'ERR_MESSAGEID_COUNT_MISMATCH',
  ],
  ['empty messageId', msg({ messageId: '' }), 400, 'ERR_INVALID_MESSAGEID'],
  ['numeric messageId', msg({ messageId: 7 }), 400, 'ERR_INVALID_MESSAGEID'],
  ['null inside messageId list', msg({ messageId: [null] }), 400, 'ERR_INVALID_MESSAGEID'],
  ['huge messageId', msg({ messageId: long(256) }), 400, 'ERR_INVALID_MESSAGEID'],
  ['garbage recipient', msg({ recipient: 'zz' }), 400, 'ERR_INVALID_RECIPIENT_KEY'],
  ['uncompressed recipient', msg({ recipient: UNCOMPRESSED }), 400, 'ERR_INVALID_RECIPIENT_KEY'],
  ['off-curve recipient', msg({ recipient: OFF_CURVE }), 400, 'ERR_INVALID_RECIPIENT_KEY'],
  ['numeric recipient', msg({ recipient: 12 }), 400, 'ERR_INVALID_RECIPIENT_KEY'],
  [
    'numeric item in recipients',
    msg({ recipient: undefined, recipients: [K1, 5], messageId: ['a', 'b'] }),
    400,
    'ERR_INVALID_RECIPIENT_KEY',
  ],
];

const LIST: Case[] = [
  ['no messageBox', {}, 400, 'ERR_MESSAGEBOX_REQUIRED'],
  ['empty messageBox', { messageBox: '' }, 400, 'ERR_MESSAGEBOX_REQUIRED'],
  ['blank messageBox', { messageBox: '  ' }, 400, 'ERR_MESSAGEBOX_REQUIRED'],
  ['numeric messageBox', { messageBox: 3 }, 400, 'ERR_INVALID_MESSAGEBOX'],
  ['array messageBox', { messageBox: ['inbox'] }, 400, 'ERR_INVALID_MESSAGEBOX'],
  ['zero limit', { messageBox: 'inbox', limit: 0 }, 400, 'ERR_INVALID_LIMIT'],
  ['string limit', { messageBox: 'inbox', limit: '5' }, 400, 'ERR_INVALID_LIMIT'],
  ['limit above the cap', { messageBox: 'inbox', limit: 100000 }, 400, 'ERR_INVALID_LIMIT'],
  ['garbage cursor', { messageBox: 'inbox', cursor: 'abc' }, 400, 'ERR_INVALID_CURSOR'],
];

const ACK: Case[] = [
  ['no ids', {}, 400, 'ERR_MESSAGE_ID_REQUIRED'],
  ['empty ids', { messageIds: [] }, 400, 'ERR_MESSAGE_ID_REQUIRED'],
  ['ids as a string', { messageIds: 'abc' }, 400, 'ERR_INVALID_MESSAGE_ID'],
  ['numeric id', { messageIds: [1] }, 400, 'ERR_INVALID_MESSAGE_ID'],
  ['null id', { messageIds: [null] }, 400, 'ERR_INVALID_MESSAGE_ID'],
  ['blank id', { messageIds: [' '] }, 400, 'ERR_INVALID_MESSAGE_ID'],
  [
    'too many ids',
    { messageIds: Array.from({ length: 1001 }, (_, i) => `id${i}`) },
    400,
    'ERR_TOO_MANY_MESSAGE_IDS',
  ],
  ['unknown id', { messageIds: ['never-sent'] }, 400, 'ERR_INVALID_ACKNOWLEDGMENT'],
];

const DEVICE: Case[] = [
  ['no token', {}, 400, 'ERR_INVALID_FCM_TOKEN'],
  ['numeric token', { fcmToken: 5 }, 400, 'ERR_INVALID_FCM_TOKEN'],
  ['blank token', { fcmToken: '   ' }, 400, 'ERR_INVALID_FCM_TOKEN'],
  ['huge token', { fcmToken: long(501) }, 400, 'ERR_INVALID_FCM_TOKEN'],
  ['unknown platform', { fcmToken: 't', platform: 'windows' }, 400, 'ERR_INVALID_PLATFORM'],
  ['empty platform', { fcmToken: 't', platform: '' }, 400, 'ERR_INVALID_PLATFORM'],
  ['numeric platform', { fcmToken: 't', platform: 1 }, 400, 'ERR_INVALID_PLATFORM'],
  ['numeric deviceId', { fcmToken: 't', deviceId: 9 }, 400, 'ERR_INVALID_DEVICE_ID'],
];

const SET: Case[] = [
  ['nothing', {}, 400, 'ERR_INVALID_REQUEST'],
  ['no fee', { messageBox: 'inbox' }, 400, 'ERR_INVALID_REQUEST'],
  ['string fee', { messageBox: 'inbox', recipientFee: '5' }, 400, 'ERR_INVALID_REQUEST'],
  ['null box', { messageBox: null, recipientFee: 1 }, 400, 'ERR_INVALID_REQUEST'],
  [
    'garbage sender',
    { messageBox: 'inbox', recipientFee: 1, sender: 'nope' },
    400,
    'ERR_INVALID_PUBLIC_KEY',
  ],
  [
    'empty sender',
    { messageBox: 'inbox', recipientFee: 1, sender: '' },
    400,
    'ERR_INVALID_PUBLIC_KEY',
  ],
  ['fractional fee', { messageBox: 'inbox', recipientFee: 1.5 }, 400, 'ERR_INVALID_FEE_VALUE'],
  ['fee below -1', { messageBox: 'inbox', recipientFee: -2 }, 400, 'ERR_INVALID_FEE_VALUE'],
  [
    'fee beyond 32 bits',
    { messageBox: 'inbox', recipientFee: 2 ** 31 },
    400,
    'ERR_INVALID_FEE_VALUE',
  ],
  ['numeric box', { messageBox: 5, recipientFee: 1 }, 400, 'ERR_INVALID_MESSAGE_BOX'],
  ['blank box', { messageBox: '  ', recipientFee: 1 }, 400, 'ERR_INVALID_MESSAGE_BOX'],
  ['huge box', { messageBox: long(256), recipientFee: 1 }, 400, 'ERR_INVALID_MESSAGE_BOX'],
];

const GETS: Array<[label: string, path: string, status: number, code: string]> = [
  ['get without messageBox', '/permissions/get', 400, 'ERR_MISSING_PARAMETERS'],
  ['get with empty messageBox', '/permissions/get?messageBox=', 400, 'ERR_MISSING_PARAMETERS'],
  [
    'get with a garbage sender',
    '/permissions/get?messageBox=inbox&sender=zz',
    400,
    'ERR_INVALID_PUBLIC_KEY',
  ],
  [
    'get with a repeated messageBox',
    '/permissions/get?messageBox=a&messageBox=b',
    400,
    'ERR_INVALID_PARAMETER',
  ],
  ['list with limit 0', '/permissions/list?limit=0', 400, 'ERR_INVALID_LIMIT'],
  ['list with limit 1001', '/permissions/list?limit=1001', 400, 'ERR_INVALID_LIMIT'],
  ['list with limit 10abc', '/permissions/list?limit=10abc', 400, 'ERR_INVALID_LIMIT'],
  ['list with offset -1', '/permissions/list?offset=-1', 400, 'ERR_INVALID_OFFSET'],
  ['list with a repeated limit', '/permissions/list?limit=1&limit=2', 400, 'ERR_INVALID_PARAMETER'],
  ['quote without parameters', '/permissions/quote', 400, 'ERR_MISSING_PARAMETERS'],
  ['quote without messageBox', `/permissions/quote?recipient=${K1}`, 400, 'ERR_MISSING_PARAMETERS'],
  [
    'quote with a bad recipient',
    `/permissions/quote?recipient=${K1}&recipient=zz&messageBox=inbox`,
    400,
    'ERR_INVALID_PUBLIC_KEY',
  ],
  [
    'quote with an uppercase-only bad key',
    `/permissions/quote?recipient=${OFF_CURVE}&messageBox=inbox`,
    400,
    'ERR_INVALID_PUBLIC_KEY',
  ],
  [
    'quote for too many recipients',
    `/permissions/quote?${Array(101).fill(`recipient=${K1}`).join('&')}&messageBox=inbox`,
    400,
    'ERR_TOO_MANY_RECIPIENTS',
  ],
  ['an unknown route', '/no/such/route', 404, 'ERR_NOT_FOUND'],
];

describe('malformed input gets the exact 4xx and code, never a 5xx', () => {
  let t: TestApp;
  let client: AuthFetch;

  beforeAll(async () => {
    t = await createTestApp(testEnvironment({ MAX_BODY_BYTES: '100000' }));
    client = newAuthFetch(newWallet());
  });
  afterAll(() => t.close());

  async function post(path: string, body: unknown, contentType = 'application/json') {
    const raw =
      body === undefined
        ? undefined
        : typeof body === 'string' && contentType !== 'application/json'
          ? body
          : JSON.stringify(body);
    const res = await settlesWithin(
      client.fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: raw,
      }),
    );
    return {
      status: res.status,
      json: (await res.json()) as { status: string; code: string; description: string },
    };
  }

  describe.each([
    ['/sendMessage', SEND],
    ['/listMessages', LIST],
    ['/acknowledgeMessage', ACK],
    ['/registerDevice', DEVICE],
    ['/permissions/set', SET],
  ])('POST %s', (path, cases) => {
    it.each(cases)('%s → %i %s', async (_, body, status, code) => {
      const res = await post(path, body);
      expect(res.status).toBe(status);
      expect(res.json.status).toBe('error');
      expect(res.json.code).toBe(code);
      expect(typeof res.json.description).toBe('string');
    });

    it('malformed JSON → 400 ERR_INVALID_JSON', async () => {
      const res = await settlesWithin(
        client.fetch(`${t.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"message":',
        }),
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('ERR_INVALID_JSON');
    });

    it('a non-JSON content type → 415 ERR_UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await post(path, 'messageBox=inbox', 'text/plain');
      expect(res.status).toBe(415);
      expect(res.json.code).toBe('ERR_UNSUPPORTED_MEDIA_TYPE');
    });

    it('an oversized body → 413 ERR_PAYLOAD_TOO_LARGE', async () => {
      const res = await fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pad: long(200000) }),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { code: string }).code).toBe('ERR_PAYLOAD_TOO_LARGE');
    });
  });

  it.each(GETS)('GET %s → %i %s', async (_, path, status, code) => {
    const res = await settlesWithin(client.fetch(`${t.url}${path}`));
    expect(res.status).toBe(status);
    const json = (await res.json()) as { status: string; code: string };
    expect(json).toMatchObject({ status: 'error', code });
  });

  it('accepts an uppercase recipient key and stores it lowercase', async () => {
    const wallet = newWallet();
    const recipient = (await wallet.getPublicKey({ identityKey: true })).publicKey;
    const res = await post(
      '/sendMessage',
      msg({ recipient: recipient.toUpperCase(), messageId: 'upper-1' }),
    );
    expect(res.status).toBe(200);
    const listed = await settlesWithin(
      newAuthFetch(wallet).fetch(`${t.url}/listMessages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messageBox: 'inbox' }),
      }),
    );
    expect(
      ((await listed.json()) as { messages: Array<{ messageId: string }> }).messages.map(
        (m) => m.messageId,
      ),
    ).toEqual(['upper-1']);
  });

  it('lists an unknown box as empty, not as an error', async () => {
    const res = await post('/listMessages', { messageBox: 'never-used' });
    expect(res).toEqual({ status: 200, json: { status: 'success', messages: [] } });
  });
});
