/**
 * Authenticated BRC-103 Socket.IO peers for the benchmarks, on the shared RawSocketPeer helper
 * (the same handshake + `authenticated` exchange live.bench.ts performs).
 */
import { PrivateKey } from '@bsv/sdk';
import { RawSocketPeer } from '../helpers/socket-raw-peer';

/** Connected, handshaken and `authenticationSuccess`-confirmed. Server replies are not verified. */
export async function authenticatedPeer(url: string, key?: PrivateKey): Promise<RawSocketPeer> {
  const peer = await new RawSocketPeer(url, { key, verify: false }).connect();
  await peer.handshake();
  await peer.send('authenticated', { identityKey: peer.identityKey });
  await peer.next('authenticationSuccess');
  return peer;
}

/** `count` idle authenticated peers, connected `parallel` at a time. */
export async function idlePeers(
  url: string,
  count: number,
  parallel = 10,
): Promise<RawSocketPeer[]> {
  const peers: RawSocketPeer[] = [];
  for (let i = 0; i < count; i += parallel) {
    const n = Math.min(parallel, count - i);
    peers.push(...(await Promise.all(Array.from({ length: n }, () => authenticatedPeer(url)))));
  }
  return peers;
}
