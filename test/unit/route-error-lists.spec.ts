import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REGISTER_DEVICE_REQUEST_ERRORS } from '../../src/devices/register-device.request';
import { STORAGE_REFUSALS } from '../../src/messages/message-budgets';
import {
  ACKNOWLEDGE_REQUEST_ERRORS,
  LIST_MESSAGES_REQUEST_ERRORS,
} from '../../src/messages/message-requests';
import { ACKNOWLEDGE_REFUSALS, SEND_REFUSALS } from '../../src/messages/messages.service';
import { SEND_MESSAGE_REQUEST_ERRORS } from '../../src/messages/send-message.request';
import { PAYMENT_REFUSALS } from '../../src/payments/payment-errors';
import {
  GET_PERMISSION_REQUEST_ERRORS,
  LIST_PERMISSIONS_REQUEST_ERRORS,
  QUOTE_REQUEST_ERRORS,
  SET_PERMISSION_REQUEST_ERRORS,
} from '../../src/permissions/permission-requests';

const ROOT = resolve(__dirname, '..', '..');
const SRC = resolve(ROOT, 'src');

/**
 * The codes a source file can throw: every 'ERR_…' literal (the error catalogue allows no code
 * built from pieces). The exported lists themselves are left out, or each list would find itself.
 */
function codesThrownIn(files: string[]): Set<string> {
  const codes = new Set<string>();
  for (const file of files) {
    const text = readFileSync(resolve(SRC, file), 'utf8').replace(
      /export const [A-Z_]+ = [\s\S]*?as const;/g,
      '',
    );
    for (const [, code] of text.matchAll(/'(ERR_[A-Z0-9_]+)'/g)) codes.add(code);
  }
  return codes;
}

const flat = (byStatus: Record<number, readonly string[]>) => Object.values(byStatus).flat();

/** Each documented list, and the files whose throws it must match exactly. */
const LISTS: Array<[string, readonly string[], string[]]> = [
  [
    'SEND_MESSAGE_REQUEST_ERRORS',
    SEND_MESSAGE_REQUEST_ERRORS,
    ['messages/send-message.request.ts', 'messages/stored-body.ts'],
  ],
  [
    'LIST_MESSAGES_REQUEST_ERRORS + ACKNOWLEDGE_REQUEST_ERRORS',
    [...LIST_MESSAGES_REQUEST_ERRORS, ...ACKNOWLEDGE_REQUEST_ERRORS],
    ['messages/message-requests.ts'],
  ],
  [
    'SEND_REFUSALS + ACKNOWLEDGE_REFUSALS',
    [...flat(SEND_REFUSALS), ...flat(ACKNOWLEDGE_REFUSALS)],
    ['messages/messages.service.ts'],
  ],
  ['STORAGE_REFUSALS', STORAGE_REFUSALS, ['messages/message-budgets.ts']],
  [
    'PAYMENT_REFUSALS',
    flat(PAYMENT_REFUSALS),
    [
      'payments/payment-errors.ts',
      'payments/payment-presence.ts',
      'payments/payment-ledger.ts',
      'payments/recipient-output-mapping.ts',
      'payments/spv-payment-verifier.ts',
      'payments/spv/merkle-root-checker.ts',
    ],
  ],
  [
    'the four permission request lists',
    [
      ...SET_PERMISSION_REQUEST_ERRORS,
      ...GET_PERMISSION_REQUEST_ERRORS,
      ...LIST_PERMISSIONS_REQUEST_ERRORS,
      ...QUOTE_REQUEST_ERRORS,
    ],
    ['permissions/permission-requests.ts'],
  ],
  [
    'REGISTER_DEVICE_REQUEST_ERRORS',
    REGISTER_DEVICE_REQUEST_ERRORS,
    ['devices/register-device.request.ts'],
  ],
];

describe('documented error codes of the routes', () => {
  it.each(LISTS)('%s lists exactly the codes its code throws', (_name, list, files) => {
    expect([...new Set(list)].sort()).toEqual([...codesThrownIn(files)].sort());
  });
});

/**
 * The codes in the check tables of one section of docs/protocol/http-api.md: from its heading to
 * the next heading of any level.
 */
function documentedCodes(heading: string): Set<string> {
  const lines = readFileSync(resolve(ROOT, 'docs/protocol/http-api.md'), 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`No heading "${heading}" in docs/protocol/http-api.md`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('#'));
  const tables = lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('|'));
  return new Set(tables.flatMap((line) => line.match(/ERR_[A-Z0-9_]+/g) ?? []));
}

/** Each route's check table in the protocol docs, and the lists its code exports. */
const DOCUMENTED: Array<[string, readonly string[]]> = [
  ['#### sendMessage validation order', [...SEND_MESSAGE_REQUEST_ERRORS, ...flat(SEND_REFUSALS)]],
  ['### POST /listMessages', LIST_MESSAGES_REQUEST_ERRORS],
  ['### POST /acknowledgeMessage', [...ACKNOWLEDGE_REQUEST_ERRORS, ...flat(ACKNOWLEDGE_REFUSALS)]],
  ['### POST /registerDevice', REGISTER_DEVICE_REQUEST_ERRORS],
  ['### POST /permissions/set', SET_PERMISSION_REQUEST_ERRORS],
  ['### GET /permissions/get', GET_PERMISSION_REQUEST_ERRORS],
  ['### GET /permissions/list', LIST_PERMISSIONS_REQUEST_ERRORS],
  ['### GET /permissions/quote', QUOTE_REQUEST_ERRORS],
];

describe('error codes in the protocol docs', () => {
  it.each(DOCUMENTED)('"%s" lists exactly the codes the route checks for', (heading, list) => {
    expect([...documentedCodes(heading)].sort()).toEqual([...new Set(list)].sort());
  });
});
