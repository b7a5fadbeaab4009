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
  /** Sessions one client IP may hold; its own least recently used one makes room. */
  maxSessionsPerIp?: number;
  /** Memory for seen nonces of all sessions; over it, the session holding most is dropped. */
  maxReplayBytes?: number;
  now?: () => number;
}

/**
 * Approximate heap cost of one remembered nonce: a 48-bit number does not fit a small integer,
 * so each is a heap number plus its hash-set slot.
 */
export const REPLAY_BYTES_PER_NONCE = 40;

/**
 * In-process sessions with an idle TTL and a size bound (the reference SessionManager keeps every
 * session forever). The Map is kept in last-use order, so eviction and expiry sweeps touch only
 * the oldest entries. Sessions are also grouped by the client IP that created them, so that one
 * address filling its share evicts its own sessions, never someone else's.
 */
export class MemorySessionStore extends SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxNonces: number;
  // ---- Per-IP and replay-memory budgets. ----
  /** Session nonces by client IP, each Set in last-use order. */
  private readonly byIp = new Map<string, Set<string>>();
  private readonly maxPerIp: number;
  private readonly maxReplayNonces: number;
  private replayNonces = 0;
  // ---- End of budgets. ----

  constructor(private readonly options: MemorySessionStoreOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.maxNonces = options.maxNoncesPerSession ?? 100_000;
    this.maxPerIp = options.maxSessionsPerIp ?? Infinity;
    this.maxReplayNonces = Math.floor(
      (options.maxReplayBytes ?? Infinity) / REPLAY_BYTES_PER_NONCE,
    );
  }

  create(sessionNonce: string, session: AuthSession): Promise<void> {
    this.sweep();
    const ip = session.clientIp;
    if (ip !== undefined) {
      const bucket = this.byIp.get(ip);
      while (bucket && bucket.size >= this.maxPerIp) {
        this.drop(bucket.values().next().value as string);
      }
    }
    while (this.entries.size >= this.options.maxSessions) {
      this.drop(this.entries.keys().next().value as string);
    }
    this.entries.set(sessionNonce, { session, lastSeen: this.now(), nonces: new Set() });
    if (ip !== undefined) this.bucketOf(ip).add(sessionNonce);
    return Promise.resolve();
  }

  get(sessionNonce: string): Promise<AuthSession | undefined> {
    return Promise.resolve(this.unexpired(sessionNonce)?.session);
  }

  delete(sessionNonce: string): Promise<void> {
    this.drop(sessionNonce);
    return Promise.resolve();
  }

  markNonceUsed(sessionNonce: string, nonce: string): Promise<boolean> {
    const entry = this.live(sessionNonce);
    const print = fingerprint(nonce);
    if (!entry || entry.nonces.has(print)) return Promise.resolve(false);
    if (entry.nonces.size >= this.maxNonces) {
      this.drop(sessionNonce);
      return Promise.resolve(false);
    }
    entry.nonces.add(print);
    this.replayNonces++;
    if (this.replayNonces > this.maxReplayNonces) this.dropLargest();
    return Promise.resolve(true);
  }

  size(): Promise<number> {
    this.sweep();
    return Promise.resolve(this.entries.size);
  }

  /** Approximate bytes held by seen nonces: the `messagebox_auth_replay_cache_bytes` gauge. */
  replayBytes(): number {
    return this.replayNonces * REPLAY_BYTES_PER_NONCE;
  }

  /**
   * The entry if it has not idled out, without refreshing it: only an accepted signature
   * (markNonceUsed) keeps a session alive, never a lookup by unsigned junk.
   */
  private unexpired(sessionNonce: string): Entry | undefined {
    const entry = this.entries.get(sessionNonce);
    if (!entry) return undefined;
    if (this.now() - entry.lastSeen > this.options.ttlMs) {
      this.drop(sessionNonce);
      return undefined;
    }
    return entry;
  }

  /** The entry if it has not idled out, moved to the most-recently-used end. */
  private live(sessionNonce: string): Entry | undefined {
    const entry = this.entries.get(sessionNonce);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.lastSeen > this.options.ttlMs) {
      this.drop(sessionNonce);
      return undefined;
    }
    entry.lastSeen = now;
    this.entries.delete(sessionNonce);
    this.entries.set(sessionNonce, entry);
    const ip = entry.session.clientIp;
    const bucket = ip === undefined ? undefined : this.byIp.get(ip);
    if (bucket) {
      bucket.delete(sessionNonce);
      bucket.add(sessionNonce);
    }
    return entry;
  }

  private sweep(): void {
    const cutoff = this.now() - this.options.ttlMs;
    for (const [key, entry] of this.entries) {
      if (entry.lastSeen >= cutoff) break;
      this.drop(key);
    }
  }

  /** The one way a session leaves, so the IP buckets and the replay count stay exact. */
  private drop(sessionNonce: string): void {
    const entry = this.entries.get(sessionNonce);
    if (!entry) return;
    this.entries.delete(sessionNonce);
    this.replayNonces -= entry.nonces.size;
    const ip = entry.session.clientIp;
    const bucket = ip === undefined ? undefined : this.byIp.get(ip);
    if (bucket) {
      bucket.delete(sessionNonce);
      if (bucket.size === 0) this.byIp.delete(ip!);
    }
  }

  /**
   * Over the replay-memory budget: the session that signed the most messages goes (it is the
   * one spending the memory); its client re-handshakes. A linear scan, but it frees a whole
   * session's nonces, so it runs rarely.
   */
  private dropLargest(): void {
    let largest: string | undefined;
    let size = -1;
    for (const [key, entry] of this.entries) {
      if (entry.nonces.size > size) {
        size = entry.nonces.size;
        largest = key;
      }
    }
    if (largest !== undefined) this.drop(largest);
  }

  private bucketOf(ip: string): Set<string> {
    let bucket = this.byIp.get(ip);
    if (!bucket) {
      bucket = new Set();
      this.byIp.set(ip, bucket);
    }
    return bucket;
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
