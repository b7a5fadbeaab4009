/**
 * Live delivery for `npm run bench`: with `idle` authenticated sockets connected, one sender
 * delivers to one connected recipient, one message at a time (latency = send → arrival of the
 * signed authMessage at the recipient). Two paths: a BRC-103 `sendMessage` over the socket
 * (pre-signed, so client signing is not timed) and an HTTP /sendMessage (BRC-104, native-crypto
 * AuthFetch) pushed live. Runs on the main thread: it is sequential, the client is not the limit.
 */
import { AuthFetch } from '@bsv/sdk';
import { randomBytes } from 'node:crypto';
import { settlesWithin } from '../helpers/auth-clients';
import { nativeWallet } from '../helpers/native-wallet';
import { RawSocketPeer } from '../helpers/socket-raw-peer';
import { WorkResult } from './load-protocol';
import { authenticatedPeer, idlePeers } from './socket-peers';

const BODY = JSON.stringify({ encryptedMessage: randomBytes(180).toString('base64') });

export interface LiveSetup {
  socketSends(count: number, deadline: number): Promise<WorkResult>;
  httpSends(count: number, deadline: number): Promise<WorkResult>;
  close(): void;
}

async function sequential(
  count: number,
  deadline: number,
  op: () => Promise<number>,
): Promise<WorkResult> {
  const result: WorkResult = { ops: 0, errors: 0, latencies: [], timeCapped: false };
  for (let i = 0; i < count && result.errors < 20; i++) {
    if (Date.now() >= deadline) {
      result.timeCapped = true;
      break;
    }
    const t0 = performance.now();
    try {
      const arrivedAt = await settlesWithin(op(), 20000, 'live delivery');
      result.latencies.push(arrivedAt - t0);
      result.ops++;
    } catch (error) {
      result.errors++;
      result.firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return result;
}

/**
 * Connects `idle` bystanders, a recipient and a sender, and pre-signs `maxMessages` socket sends
 * plus `warmUp` that are sent (unmeasured) right away.
 */
export async function setupLive(
  url: string,
  idle: number,
  maxMessages: number,
  warmUp: number,
): Promise<LiveSetup> {
  const bystanders = await idlePeers(url, idle);
  const recipient = await authenticatedPeer(url);
  const sender = await authenticatedPeer(url);
  const bob = recipient.identityKey;
  const room = `${bob}-inbox`;
  const event = `sendMessage-${room}`;
  const tag = `${idle}-${randomBytes(4).toString('hex')}`;
  const http = new AuthFetch(nativeWallet());

  const presigned: object[] = [];
  for (let i = 0; i < maxMessages + warmUp; i++) {
    presigned.push(
      await sender.sign('sendMessage', {
        roomId: room,
        message: { recipient: bob, messageId: `live-${tag}-${i}`, body: BODY },
      }),
    );
  }
  let used = 0;
  /** Resolves with performance.now() at arrival of the live message at the recipient. */
  const viaSocket = async (): Promise<number> => {
    const arrival = recipient.next(event, 20000);
    const ack = sender.next(`sendMessageAck-${room}`, 20000);
    sender.sendRaw(presigned[used++]);
    const [got] = await Promise.all([arrival, ack]);
    return got.arrivedAt;
  };
  let httpSeq = 0;
  const viaHttp = async (): Promise<number> => {
    const arrival = recipient.next(event, 20000);
    const res = await http.fetch(`${url}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: {
          recipient: bob,
          messageBox: 'inbox',
          messageId: `http-${tag}-${httpSeq++}`,
          body: BODY,
        },
      }),
    });
    if (res.status !== 200) throw new Error(`sendMessage: ${res.status} ${await res.text()}`);
    return (await arrival).arrivedAt;
  };
  for (let i = 0; i < warmUp; i++) {
    await viaSocket();
    await viaHttp();
  }
  const checkBystanders = (): void => {
    // Each bystander got exactly its authenticationSuccess; anything more is a misdelivery.
    if (bystanders.some((p: RawSocketPeer) => p.received.length > 1))
      throw new Error('an idle socket received a live delivery');
  };
  return {
    socketSends: async (count, deadline) => {
      const r = await sequential(Math.min(count, presigned.length - used), deadline, viaSocket);
      checkBystanders();
      return r;
    },
    httpSends: async (count, deadline) => {
      const r = await sequential(count, deadline, viaHttp);
      checkBystanders();
      return r;
    },
    close: () => {
      for (const p of [...bystanders, recipient, sender]) p.close();
    },
  };
}
