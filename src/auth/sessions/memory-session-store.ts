import { createHash } from 'node:crypto';
import { AuthSession } from './auth-session';
import { SessionStore } from './session-store';

interface Entry {
  session: AuthSession;
  lastSeen: number;
  /** Seen message nonces, as 48-bit fingerprints (see fingerprint()). */
  nonces: Set<number>;
}

export interface MemorySessionStoreOptions {
  ttlMs: number;
  maxSessions: number;
  /** A session that has signed this many messages is dropped; the client re-handshakes. */
  maxNoncesPerSession?: number;
  now?: () => number;
}

/**
 * In-process sessions with an idle TTL and a size bound (the reference SessionManager keeps every
 * session forever). The Map is kept in last-use order, so eviction and expiry sweeps touch only
 * the oldest entries.
 */
export class MemorySessionStore extends SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxNonces: number;

  constructor(private readonly options: MemorySessionStoreOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.maxNonces = options.maxNoncesPerSession ?? 100_000;
  }

  create(sessionNonce: string, session: AuthSession): Promise<void> {
    this.sweep();
    while (this.entries.size >= this.options.maxSessions) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(sessionNonce, { session, lastSeen: this.now(), nonces: new Set() });
    return Promise.resolve();
  }

  get(sessionNonce: string): Promise<AuthSession | undefined> {
    return Promise.resolve(this.unexpired(sessionNonce)?.session);
  }

  delete(sessionNonce: string): Promise<void> {
    this.entries.delete(sessionNonce);
    return Promise.resolve();
  }

  markNonceUsed(sessionNonce: string, nonce: string): Promise<boolean> {
    const entry = this.live(sessionNonce);
    const print = fingerprint(nonce);
    if (!entry || entry.nonces.has(print)) return Promise.resolve(false);
    if (entry.nonces.size >= this.maxNonces) {
      this.entries.delete(sessionNonce);
      return Promise.resolve(false);
    }
    entry.nonces.add(print);
    return Promise.resolve(true);
  }

  size(): Promise<number> {
    this.sweep();
    return Promise.resolve(this.entries.size);
  }

  clear(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  /**
   * The entry if it has not idled out, without refreshing it: only an accepted signature
   * (markNonceUsed) keeps a session alive, never a lookup by unsigned junk.
   */
  private unexpired(sessionNonce: string): Entry | undefined {
    const entry = this.entries.get(sessionNonce);
    if (!entry) return undefined;
    if (this.now() - entry.lastSeen > this.options.ttlMs) {
      this.entries.delete(sessionNonce);
      return undefined;
    }
    return entry;
  }

  /** The entry if it has not idled out, moved to the most-recently-used end. */
  private live(sessionNonce: string): Entry | undefined {
    const entry = this.entries.get(sessionNonce);
    if (!entry) return undefined;
    const now = this.now();
    this.entries.delete(sessionNonce);
    if (now - entry.lastSeen > this.options.ttlMs) return undefined;
    entry.lastSeen = now;
    this.entries.set(sessionNonce, entry);
    return entry;
  }

  private sweep(): void {
    const cutoff = this.now() - this.options.ttlMs;
    for (const [key, entry] of this.entries) {
      if (entry.lastSeen >= cutoff) break;
      this.entries.delete(key);
    }
  }
}

/**
 * Nonces are 32 random bytes: 48 bits of their hash identify one among a session's (at most
 * 100k) nonces with a false-replay chance below 1e-5 per session lifetime, at a fraction of
 * the memory of keeping the strings.
 */
function fingerprint(nonce: string): number {
  return createHash('sha256').update(nonce).digest().readUIntBE(0, 6);
}
