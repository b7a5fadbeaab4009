import { PrivateKey } from '@bsv/sdk';
import fc from 'fast-check';
import { CryptoProvider } from '../../../src/auth/crypto/crypto-provider';
import { AppError } from '../../../src/common/errors/app-error';
import { parseRegisterDevice } from '../../../src/devices/register-device.request';
import { parseAcknowledge, parseListMessages } from '../../../src/messages/message-requests';
import { parseSendMessage } from '../../../src/messages/send-message.request';
import {
  parseGetPermission,
  parseListPermissions,
  parseQuote,
  parseSetPermission,
} from '../../../src/permissions/permission-requests';
import { hostileJson, nastyString, rawBodyText } from '../arbitraries';
import { loadSeeds } from '../corpus';
import { isCataloguedCode } from '../error-catalogue';
import { FuzzTarget } from '../fuzz-target';
import { assertClientReply } from '../http-reply';
import { fail } from '../property-failure';
import { Unsendable } from '../raw-http';
import { SdkHttpPeer } from '../sdk-http-peer';
import { Surface } from '../surface';

const POST_ROUTES = [
  'sendMessage',
  'listMessages',
  'acknowledgeMessage',
  'registerDevice',
  'permissions/set',
] as const;
const GET_ROUTES = ['permissions/get', 'permissions/list', 'permissions/quote', 'devices'] as const;

/** A body for a POST route (JSON value, or raw text), or a raw query string for a GET route. */
export type RouteInput =
  | { route: (typeof POST_ROUTES)[number]; body: unknown; raw?: string }
  | { route: (typeof GET_ROUTES)[number]; query: string; asObject: Record<string, unknown> };

/** Valid request shapes per route; "__KEY__" becomes a real identity key. */
const TEMPLATES: Record<(typeof POST_ROUTES)[number], Record<string, unknown>> = {
  sendMessage: {
    message: { recipient: '__KEY__', messageBox: 'inbox', messageId: 'id-1', body: 'hello' },
  },
  listMessages: { messageBox: 'inbox' },
  acknowledgeMessage: { messageIds: ['id-1'] },
  registerDevice: { fcmToken: 'token-1', deviceId: 'device-1', platform: 'ios' },
  'permissions/set': { messageBox: 'inbox', recipientFee: 0, sender: '__KEY__' },
};

let peer: SdkHttpPeer | undefined;
let otherKey = '';
let isValidKey: (hex: string) => boolean = () => false;

const withKeys = (v: unknown): unknown =>
  v === undefined
    ? undefined
    : (JSON.parse(JSON.stringify(v).split('__KEY__').join(otherKey)) as unknown);

/** In-process: the route's parser returns, or refuses with a catalogued 4xx AppError. */
function checkParser(input: RouteInput): void {
  const run = (): unknown => {
    if ('body' in input) {
      const body = withKeys(input.body);
      switch (input.route) {
        case 'sendMessage':
          return parseSendMessage(body, { maxRecipients: 100, isValidKey });
        case 'listMessages':
          return parseListMessages(body, 1000);
        case 'acknowledgeMessage':
          return parseAcknowledge(body, 1000);
        case 'registerDevice':
          return parseRegisterDevice(body);
        case 'permissions/set':
          return parseSetPermission(body, isValidKey);
      }
    }
    const query = withKeys(input.asObject);
    switch (input.route) {
      case 'permissions/get':
        return parseGetPermission(query, isValidKey);
      case 'permissions/list':
        return parseListPermissions(query);
      case 'permissions/quote':
        return parseQuote(query, isValidKey, 100);
      default:
        return undefined;
    }
  };
  try {
    run();
  } catch (error) {
    if (!(error instanceof AppError)) fail(`${input.route} parser threw ${String(error)}`);
    if (error.status < 400 || error.status >= 500 || !isCataloguedCode(error.code)) {
      fail(`${input.route} parser refused with ${error.status} ${error.code}`);
    }
  }
}

/** Over HTTP: the same input signed by an honest peer, through the whole app. */
async function checkHttp(target: FuzzTarget, input: RouteInput): Promise<void> {
  if (!peer) fail('no session');
  let reply;
  try {
    if ('body' in input) {
      const text = input.raw ?? JSON.stringify(withKeys(input.body)) ?? '';
      reply = await peer.send({
        method: 'POST',
        target: `/${input.route}`,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(text, 'utf8'),
      });
    } else {
      const query = input.query.split('__KEY__').join(otherKey);
      reply = await peer.send({
        method: 'GET',
        target: `/${input.route}?${query}`,
        headers: {},
        body: Buffer.alloc(0),
      });
    }
  } catch (error) {
    if (error instanceof Unsendable) return;
    throw error;
  }
  assertClientReply(reply, input.route);
  if (reply.status === 401) fail('an honestly signed request was refused');
  // 413 and 431 are answered before authentication (body reader, HTTP parser): never signed.
  if (![413, 431].includes(reply.status) && !reply.signatureValid) {
    fail(`the ${reply.status} reply is not validly signed`);
  }
}

/** Query strings: real parameters, repeated keys, brackets, encodings, junk. */
const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'messageBox',
          'message_box',
          'sender',
          'recipient',
          'recipient[]',
          'limit',
          'offset',
          'createdAtOrder',
          'messageBox[a]',
          'recipient[0]',
          '__proto__',
          'a[b][c][d][e][f]',
        ),
        fc.webSegment(),
      ),
      fc.oneof(
        fc.constantFrom(
          'inbox',
          '__KEY__',
          '0',
          '1',
          '1000',
          '1001',
          '-1',
          '1e3',
          'asc',
          'DESC',
          '',
          '%',
          '%ZZ',
          '%00',
          '%E2%82',
          '9'.repeat(30),
        ),
        fc.webSegment(),
        nastyString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
      ),
    ),
    { maxLength: 8 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

function queryObject(query: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const prior = out[k];
    out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  return out;
}

export const routesSurface: Surface<RouteInput> = {
  name: 'routes',
  budgetMs: 10000,
  async setup(target) {
    isValidKey = (hex) => target.app.app.get(CryptoProvider).isValidPublicKey(hex);
    otherKey = PrivateKey.fromRandom().toPublicKey().toString();
    peer = new SdkHttpPeer(target.url);
    await peer.handshake();
  },
  arbitrary() {
    const seeds = loadSeeds<{ method: string; target: string; body: string }>('signed-request');
    const seedBodies = (route: string): unknown[] =>
      seeds
        .filter((s) => s.target === `/${route}` && s.body)
        .map((s) => JSON.parse(s.body) as unknown);
    const seedQueries = seeds.flatMap((s) => {
      const q = s.target.indexOf('?');
      const route = s.target.slice(1, q);
      return s.method === 'GET' && q > 0 && (GET_ROUTES as readonly string[]).includes(route)
        ? [{ route: route as (typeof GET_ROUTES)[number], query: s.target.slice(q + 1) }]
        : [];
    });
    const post = fc.constantFrom(...POST_ROUTES).chain((route) => {
      const template = TEMPLATES[route];
      const captured = seedBodies(route);
      const overrides = fc.dictionary(
        fc.oneof(
          fc.constantFrom(
            ...Object.keys(template),
            'recipients',
            'messageId',
            'payment',
            'limit',
            'cursor',
            '__proto__',
          ),
          fc.string({ maxLength: 8 }),
        ),
        fc.oneof(hostileJson, fc.constant('__KEY__'), fc.constant(null)),
        { maxKeys: 3 },
      );
      const inner = fc.dictionary(
        fc.constantFrom('recipient', 'recipients', 'messageBox', 'messageId', 'body'),
        fc.oneof(
          hostileJson,
          fc.constant('__KEY__'),
          fc.array(fc.constant('__KEY__'), { maxLength: 120 }),
          fc.constant(null),
        ),
        { maxKeys: 3 },
      );
      return fc.record(
        {
          route: fc.constant(route),
          body: fc.oneof(
            fc.tuple(overrides, inner).map(([o, i]) => {
              const base = { ...template, ...o } as Record<string, unknown>;
              if (
                route === 'sendMessage' &&
                typeof base.message === 'object' &&
                base.message !== null
              ) {
                base.message = { ...base.message, ...i };
              }
              return base;
            }),
            hostileJson,
            ...(captured.length ? [fc.constantFrom(...captured)] : []),
          ),
          raw: rawBodyText,
        },
        { requiredKeys: ['route', 'body'] },
      );
    });
    const get = fc
      .oneof(
        fc.tuple(fc.constantFrom(...GET_ROUTES), queryString),
        ...(seedQueries.length
          ? [
              fc
                .tuple(fc.constantFrom(...seedQueries), fc.option(queryString))
                .map(([s, extra]) => [s.route, extra ? `${s.query}&${extra}` : s.query] as const),
            ]
          : []),
      )
      .map(([route, query]) => ({ route, query, asObject: queryObject(query) }));
    return fc.oneof(post, get);
  },
  async check(target, input) {
    checkParser(input);
    await checkHttp(target, input);
  },
};
