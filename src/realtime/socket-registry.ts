import { Injectable } from '@nestjs/common';
import { SocketSession } from './socket-session';

/**
 * This process's verified sockets by identity key: a delivery looks up its recipient's sockets
 * directly, so idle sockets of other identities cost nothing (the per-identity delivery of docs/protocol/realtime.md#delivery-policy).
 */
@Injectable()
export class SocketRegistry {
  private readonly byIdentity = new Map<string, Set<SocketSession>>();

  add(session: SocketSession): void {
    const key = session.identityKey;
    if (!key) return;
    let set = this.byIdentity.get(key);
    if (!set) {
      set = new Set();
      this.byIdentity.set(key, set);
    }
    set.add(session);
  }

  remove(session: SocketSession): void {
    const key = session.identityKey;
    if (!key) return;
    const set = this.byIdentity.get(key);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.byIdentity.delete(key);
  }

  socketsOf(identityKey: string): ReadonlySet<SocketSession> {
    return this.byIdentity.get(identityKey) ?? EMPTY;
  }

  /** Number of verified sockets (operators, tests). */
  size(): number {
    let n = 0;
    for (const set of this.byIdentity.values()) n += set.size;
    return n;
  }
}

const EMPTY: ReadonlySet<SocketSession> = new Set();
