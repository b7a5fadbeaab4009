import { PrivateKey } from '@bsv/sdk';
import fc from 'fast-check';
import { buildPayment, PlannedOutput } from '../../helpers/payment-builder';
import { TestWallet } from '../../helpers/test-wallet';
import { hostileJson, nastyString } from '../arbitraries';
import { loadSeeds } from '../corpus';
import { FuzzTarget } from '../fuzz-target';
import { assertClientReply } from '../http-reply';
import { fail } from '../property-failure';
import { SdkHttpPeer } from '../sdk-http-peer';
import { Surface } from '../surface';

type Who = 'server' | 'r0' | 'r1' | 'r2' | 'stranger';

/** Changes to an honest payment, applied in order; positions are fractions of the length. */
export type PaymentMutation =
  | { op: 'txByte'; at: number; value: number }
  | { op: 'txTruncate'; keep: number }
  | { op: 'txAppend'; base64: string }
  | { op: 'txReplace'; value: unknown }
  | { op: 'outputField'; index: number; field: string; value: unknown }
  | { op: 'remittanceField'; index: number; field: string; value: unknown }
  | { op: 'tag'; index: number; recipient: string; where: string; asString: boolean }
  | { op: 'dropOutput'; index: number }
  | { op: 'dupOutput'; index: number }
  | { op: 'outputs'; value: unknown }
  | { op: 'payment'; value: unknown };

export interface PaymentInput {
  recipients: number;
  /** undefined: the honest plan (server fee, then one output per recipient). */
  planned?: Array<{ to: Who; satoshis: number; lockToStranger: boolean }>;
  mutations: PaymentMutation[];
}

let wallet: TestWallet | undefined;
let peer: SdkHttpPeer | undefined;
const stranger = PrivateKey.fromRandom().toPublicKey().toString();

/** A copy deep enough for the mutations below (the output and its remittance). */
function copyOutput(o: unknown): unknown {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return o;
  const copy = { ...(o as Record<string, unknown>) };
  const r = copy.paymentRemittance;
  if (typeof r === 'object' && r !== null && !Array.isArray(r)) copy.paymentRemittance = { ...r };
  return copy;
}

function applyMutation(
  payment: Record<string, unknown>,
  m: PaymentMutation,
): Record<string, unknown> {
  if (typeof payment !== 'object' || payment === null || Array.isArray(payment)) {
    return m.op === 'payment' ? (m.value as Record<string, unknown>) : payment;
  }
  const tx = Array.isArray(payment.tx) ? [...(payment.tx as unknown[])] : payment.tx;
  const outputs = Array.isArray(payment.outputs)
    ? (payment.outputs as unknown[]).map(copyOutput)
    : payment.outputs;
  const pick = (index: number) =>
    Array.isArray(outputs) && outputs.length ? index % outputs.length : -1;
  switch (m.op) {
    case 'txByte':
      if (Array.isArray(tx) && tx.length) tx[Math.floor(m.at * tx.length) % tx.length] = m.value;
      return { ...payment, tx };
    case 'txTruncate':
      return {
        ...payment,
        tx: Array.isArray(tx) ? tx.slice(0, Math.floor(m.keep * tx.length)) : tx,
      };
    case 'txAppend':
      return {
        ...payment,
        tx: Array.isArray(tx) ? [...tx, ...Buffer.from(m.base64, 'base64')] : tx,
      };
    case 'txReplace':
      return { ...payment, tx: m.value };
    case 'outputs':
      return { ...payment, outputs: m.value };
    case 'payment':
      return m.value as Record<string, unknown>;
    default:
      break;
  }
  const i = pick(m.index);
  if (!Array.isArray(outputs) || i < 0) return payment;
  const out = outputs[i] as Record<string, unknown>;
  if (m.op === 'dropOutput') outputs.splice(i, 1);
  else if (m.op === 'dupOutput') outputs.push(copyOutput(out));
  else if (typeof out !== 'object' || out === null) return payment;
  else if (m.op === 'outputField') out[m.field] = m.value;
  else if (m.op === 'remittanceField') {
    const r = out.paymentRemittance;
    if (typeof r === 'object' && r !== null) (r as Record<string, unknown>)[m.field] = m.value;
  } else if (m.op === 'tag') {
    const ci = { recipientIdentityKey: m.recipient };
    const value = m.asString ? JSON.stringify(ci) : ci;
    if (m.where === 'customInstructions') out.customInstructions = value;
    else {
      const holder: unknown = out[m.where];
      out[m.where] = { ...(typeof holder === 'object' ? holder : {}), customInstructions: value };
    }
  }
  return { ...payment, outputs };
}

export const paymentsSurface: Surface<PaymentInput> = {
  name: 'payments',
  budgetMs: 15000,
  async setup(target) {
    const key = PrivateKey.fromRandom();
    wallet = new TestWallet(key, target.tracker);
    peer = new SdkHttpPeer(target.url, key);
    await peer.handshake();
  },
  arbitrary() {
    const who = fc.constantFrom<Who>('server', 'r0', 'r1', 'r2', 'stranger');
    const fraction = fc.double({ min: 0, max: 0.999, noNaN: true });
    const value = fc.oneof(
      hostileJson,
      nastyString,
      fc.stringMatching(/^0[23][0-9a-f]{64}$/),
      fc.constantFrom('anyone', '02' + '0'.repeat(64), '04' + 'a'.repeat(128)),
    );
    // The payment the official client built in the capture run (its block is unknown here).
    const payments = loadSeeds<{ target: string; body: string }>('signed-request')
      .filter((r) => r.target === '/sendMessage' && r.body.includes('"payment"'))
      .map((r) => (JSON.parse(r.body) as { payment: unknown }).payment);
    const captured = payments.length ? [fc.constantFrom(...payments)] : [];
    const mutation: fc.Arbitrary<PaymentMutation> = fc.oneof(
      fc.record({
        op: fc.constant('txByte' as const),
        at: fraction,
        value: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ op: fc.constant('txTruncate' as const), keep: fraction }),
      fc.record({
        op: fc.constant('txAppend' as const),
        base64: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
      }),
      fc.record({
        op: fc.constant('txReplace' as const),
        value: fc.oneof(
          hostileJson,
          fc.array(fc.integer({ min: -1, max: 256 }), { maxLength: 100 }),
        ),
      }),
      fc.record({
        op: fc.constant('outputField' as const),
        index: fc.nat(5),
        field: fc.constantFrom(
          'outputIndex',
          'protocol',
          'paymentRemittance',
          'customInstructions',
          'insertionRemittance',
        ),
        value,
      }),
      fc.record({
        op: fc.constant('remittanceField' as const),
        index: fc.nat(5),
        field: fc.constantFrom('derivationPrefix', 'derivationSuffix', 'senderIdentityKey'),
        value,
      }),
      fc.record({
        op: fc.constant('tag' as const),
        index: fc.nat(5),
        recipient: fc.oneof(who, nastyString),
        where: fc.constantFrom('customInstructions', 'paymentRemittance', 'insertionRemittance'),
        asString: fc.boolean(),
      }),
      fc.record({ op: fc.constant('dropOutput' as const), index: fc.nat(5) }),
      fc.record({ op: fc.constant('dupOutput' as const), index: fc.nat(5) }),
      fc.record({ op: fc.constant('outputs' as const), value: hostileJson }),
      fc.record({ op: fc.constant('payment' as const), value: fc.oneof(hostileJson, ...captured) }),
    );
    return fc.record(
      {
        recipients: fc.integer({ min: 1, max: 3 }),
        planned: fc.array(
          fc.record({
            to: who,
            satoshis: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(2100000000)),
            lockToStranger: fc.boolean(),
          }),
          { maxLength: 5 },
        ),
        mutations: fc.array(mutation, { maxLength: 4 }),
      },
      { requiredKeys: ['recipients', 'mutations'] },
    );
  },
  async check(target: FuzzTarget, input: PaymentInput) {
    if (!wallet || !peer) fail('no sender');
    const recipients = Array.from({ length: input.recipients }, () =>
      PrivateKey.fromRandom().toPublicKey().toString(),
    );
    const resolve = (to: string) =>
      to === 'server'
        ? 'server'
        : to === 'stranger'
          ? stranger
          : /^r\d$/.test(to)
            ? (recipients[Number(to[1])] ?? stranger)
            : to;
    const planned: PlannedOutput[] = input.planned
      ? input.planned.map((p) => ({
          to: resolve(p.to),
          satoshis: p.satoshis,
          lockTo: p.lockToStranger ? stranger : undefined,
        }))
      : [{ to: 'server', satoshis: 10 }, ...recipients.map((r) => ({ to: r, satoshis: 10 }))];
    let payment = (await buildPayment(wallet, target.serverKey, planned)) as Record<
      string,
      unknown
    >;
    for (const m of input.mutations) {
      payment = applyMutation(
        payment,
        m.op === 'tag' ? { ...m, recipient: resolve(m.recipient) } : m,
      );
    }
    const id = `fuzz-${Date.now()}-${Math.random()}`;
    const reply = await peer.send({
      method: 'POST',
      target: '/sendMessage',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(
        JSON.stringify({
          message: {
            recipients,
            messageBox: 'notifications',
            messageId: recipients.map((_, i) => `${id}-${i}`),
            body: 'paid',
          },
          payment,
        }),
      ),
    });
    assertClientReply(reply, 'paid sendMessage');
    if (!reply.signatureValid) fail(`the ${reply.status} reply is not validly signed`);
    if (!input.planned && input.mutations.length === 0 && reply.status !== 200) {
      fail(`an honest payment was refused: ${reply.status} ${reply.body.toString()}`);
    }
  },
};
