import { AuthSession } from '../sessions/auth-session';

const MAX_ENTRIES = 10_000;

/**
 * Sessions this instance verified recently, kept only so that a request arriving while the
 * shared session store (Redis) is unreachable can still be verified and answered with a signed
 * 503: an unsigned reply would make the client believe authentication failed. Never used to
 * accept a request. Bounded; the Map's insertion order makes eviction drop the oldest.
 */
export class RecentSessions {
  private readonly entries = new Map<string, AuthSession>();

  remember(sessionNonce: string, session: AuthSession): void {
    this.entries.delete(sessionNonce);
    this.entries.set(sessionNonce, session);
    if (this.entries.size > MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  recall(sessionNonce: string): AuthSession | undefined {
    return this.entries.get(sessionNonce);
  }
}
