/**
 * A load-generator worker thread of `npm run bench`: a few identities (lanes), each with its own
 * AuthFetch on the native-crypto wallet, driving the server over loopback with real BRC-104.
 * Every loop is bounded by a count and a deadline; latencies are measured here, per operation.
 */
import { AuthFetch, Peer, PrivateKey, SimplifiedFetchTransport, WalletInterface } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { settlesWithin } from '../helpers/auth-clients';
import { nativeWallet } from '../helpers/native-wallet';
import { FromWorker, LoadWorkerData, ToWorker, WorkResult, WorkSpec } from './load-protocol';

interface Lane {
  identityKey: string;
  client: AuthFetch;
  /** Message ids this lane sent itself, per box (for acknowledgements). */
  own: Map<string, string[]>;
}

const data = workerData as LoadWorkerData;
const MAX_ERRORS = 20;
// The shape the official client stores: {"encryptedMessage": base64}.
const BODY = JSON.stringify({ encryptedMessage: randomBytes(180).toString('base64') });
let lanes: Lane[] = [];

async function post(lane: Lane, path: string, body: unknown): Promise<unknown> {
  const res = await lane.client.fetch(`${data.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** Runs `op` on every slot concurrently until `count` operations or the deadline. */
async function drive<S>(
  slots: S[],
  count: number,
  deadline: number,
  op: (slot: S, seq: number) => Promise<void>,
): Promise<WorkResult> {
  const result: WorkResult = { ops: 0, errors: 0, latencies: [], timeCapped: false };
  let next = 0;
  await Promise.all(
    slots.map(async (slot) => {
      while (next < count && result.errors < MAX_ERRORS) {
        if (Date.now() >= deadline) {
          result.timeCapped = true;
          return;
        }
        const seq = next++;
        const t0 = performance.now();
        try {
          await settlesWithin(op(slot, seq), data.opTimeoutMs, 'operation');
          result.latencies.push(performance.now() - t0);
          result.ops++;
        } catch (error) {
          result.errors++;
          result.firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return result;
}

async function handshakes(spec: Extract<WorkSpec, { kind: 'handshake' }>): Promise<WorkResult> {
  // Keys and wallets are made before the clock starts: only the handshake is timed.
  const wallets: WalletInterface[] = Array.from({ length: spec.count }, () => nativeWallet());
  const slots = Array.from({ length: spec.concurrency }, (_, i) => i);
  return drive(slots, spec.count, spec.deadline, async (_slot, seq) => {
    const peer = new Peer(wallets[seq], new SimplifiedFetchTransport(data.url));
    await peer.getAuthenticatedSession();
  });
}

async function sends(spec: Extract<WorkSpec, { kind: 'send' }>): Promise<WorkResult> {
  return drive(lanes, spec.count, spec.deadline, async (lane, seq) => {
    const id = `${spec.idPrefix}-${data.workerIndex}-${seq}`;
    let message: Record<string, unknown>;
    if (spec.recipientsPerOp <= 1 || spec.targets.length === 0) {
      const next = lanes[(lanes.indexOf(lane) + 1) % lanes.length];
      message = { recipient: next.identityKey, messageBox: spec.box, messageId: id, body: BODY };
    } else {
      const recipients = Array.from(
        { length: spec.recipientsPerOp },
        (_, k) => spec.targets[(seq * spec.recipientsPerOp + k) % spec.targets.length],
      );
      message = {
        recipients,
        messageBox: spec.box,
        messageId: recipients.map((_, k) => `${id}-${k}`),
        body: BODY,
      };
    }
    await post(lane, '/sendMessage', { message });
  });
}

async function fill(spec: Extract<WorkSpec, { kind: 'fill' }>): Promise<WorkResult> {
  const result: WorkResult = { ops: 0, errors: 0, latencies: [], timeCapped: false };
  await Promise.all(
    lanes.map(async (lane, l) => {
      const have = lane.own.get(spec.box) ?? [];
      lane.own.set(spec.box, have);
      for (let b = 0; have.length < spec.perLane; b++) {
        const n = Math.min(spec.batch, spec.perLane - have.length);
        const ids = Array.from(
          { length: n },
          (_, k) => `${spec.idPrefix}-${data.workerIndex}-${l}-${b}-${k}`,
        );
        const recipients = ids.map(() => lane.identityKey);
        await settlesWithin(
          post(lane, '/sendMessage', {
            message: { recipients, messageBox: spec.box, messageId: ids, body: BODY },
          }),
          data.opTimeoutMs,
          'fill',
        );
        have.push(...ids);
        result.ops++;
      }
    }),
  );
  return result;
}

async function lists(spec: Extract<WorkSpec, { kind: 'list' }>): Promise<WorkResult> {
  const body = { messageBox: spec.box, ...(spec.limit ? { limit: spec.limit } : {}) };
  return drive(lanes, spec.count, spec.deadline, async (lane) => {
    const reply = (await post(lane, '/listMessages', body)) as { messages?: unknown[] };
    const got = reply.messages?.length ?? -1;
    if (got !== spec.expect)
      throw new Error(`listMessages: ${got} messages, ${spec.expect} expected`);
  });
}

async function acks(spec: Extract<WorkSpec, { kind: 'ack' }>): Promise<WorkResult> {
  return drive(lanes, spec.count, spec.deadline, async (lane) => {
    const id = lane.own.get(spec.box)?.pop();
    if (id === undefined) throw new Error(`no message left to acknowledge in ${spec.box}`);
    await post(lane, '/acknowledgeMessage', { messageIds: [id] });
  });
}

function run(spec: WorkSpec): Promise<WorkResult> {
  switch (spec.kind) {
    case 'handshake':
      return handshakes(spec);
    case 'send':
      return sends(spec);
    case 'fill':
      return fill(spec);
    case 'list':
      return lists(spec);
    case 'ack':
      return acks(spec);
  }
}

async function handle(msg: ToWorker): Promise<FromWorker> {
  if (msg.cmd === 'init') {
    lanes = Array.from({ length: data.lanes }, () => {
      const key = PrivateKey.fromRandom();
      return {
        identityKey: key.toPublicKey().toString(),
        client: new AuthFetch(nativeWallet(key)),
        own: new Map<string, string[]>(),
      };
    });
    return { id: msg.id, ok: true, identityKeys: lanes.map((l) => l.identityKey) };
  }
  return { id: msg.id, ok: true, result: await run(msg.spec) };
}

parentPort!.on('message', (msg: ToWorker) => {
  handle(msg).then(
    (reply) => parentPort!.postMessage(reply),
    (error: unknown) =>
      parentPort!.postMessage({
        id: msg.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies FromWorker),
  );
});
