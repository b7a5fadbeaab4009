import { Injectable } from '@nestjs/common';
import { AUTH_VERSION } from '../auth/brc104/auth-headers';
import { signForPeer } from '../auth/brc104/peer-signatures';
import { CryptoProvider } from '../auth/crypto/crypto-provider';
import { EncodedEvent, encodeEvent } from './authsocket-codec';
import { AUTH_MESSAGE_EVENT } from './realtime.constants';
import { SocketSession } from './socket-session';

/** Socket.IO packet type EVENT (socket.io-parser protocol 5). */
const EVENT_PACKET = '2';

/**
 * Sends application events as general messages signed for one socket's own session
 * (docs/protocol/realtime.md#signatures-per-socket: keyID "<N'> <C>", counterparty = client key). A message the client cannot
 * verify crashes a Node client (docs/protocol/realtime.md#never-send-what-the-client-cannot-verify), so nothing is ever sent to a socket without a verified
 * session, and nothing signed for one socket is sent to another (docs/protocol/realtime.md#never-broadcast-a-signed-message).
 *
 * The Socket.IO packet is written as text around the event's shared number-array JSON, so a
 * delivery to several sockets encodes the payload once; only the nonce and signature differ.
 */
@Injectable()
export class SocketSigner {
  constructor(private readonly crypto: CryptoProvider) {}

  async emit(socket: SocketSession, eventName: string, data: unknown): Promise<boolean> {
    return this.emitPayload(socket, encodeEvent(eventName, data));
  }

  /** `payload` may be shared by several sockets (one delivery): it is only read. */
  async emitPayload(socket: SocketSession, payload: EncodedEvent): Promise<boolean> {
    const peer = socket.peer;
    if (!peer || socket.closed) return false;
    const { nonce, signature } = await signForPeer(this.crypto, peer, payload.bytes);
    if (socket.closed || !socket.socket.connected) return false;
    const head = JSON.stringify({
      version: AUTH_VERSION,
      messageType: 'general',
      identityKey: this.crypto.identityKey,
      nonce,
      yourNonce: peer.peerNonce,
    });
    const nsp = socket.socket.nsp.name;
    const packet =
      `${EVENT_PACKET}${nsp === '/' ? '' : `${nsp},`}[${JSON.stringify(AUTH_MESSAGE_EVENT)},` +
      `${head.slice(0, -1)},"payload":${payload.arrayJson},"signature":${JSON.stringify(signature)}}]`;
    // What socket.emit would write, minus a second encoding of the payload for this socket.
    socket.socket.conn.write(packet);
    return true;
  }
}
