import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { LimitsConfig } from '../config/configuration';
import { FixedWindowLimiter } from './fixed-window-limiter';

/** A 429 that also says when to retry (HTTP sends it as Retry-After). */
export class RateLimitedError extends AppError {
  constructor(
    description: string,
    readonly retryAfterSeconds: number,
  ) {
    super('ERR_TOO_MANY_REQUESTS', description);
  }
}

/** Throttler names, also the `limit` label of messagebox_rate_limited_total. */
export const IDENTITY_THROTTLER = 'identity';
export const IP_THROTTLER = 'ip';

/**
 * The per-identity and per-IP budgets of authenticated work, shared by HTTP requests and socket
 * events, so that neither a second transport nor freshly minted identities escape them. Counted
 * per instance in the throttler's storage; a limit of 0 turns that limit off.
 */
@Injectable()
export class RequestBudget {
  constructor(
    private readonly limiter: FixedWindowLimiter,
    private readonly limits: LimitsConfig,
  ) {}

  /** Counts one authenticated request or socket event; throws a 429 AppError when over. */
  async spend(identityKey: string, ip: string): Promise<void> {
    const { requestsPerIp, requestsPerIdentity } = this.limits;
    if (requestsPerIp > 0) await this.count(IP_THROTTLER, ip, requestsPerIp, 'from one address');
    if (requestsPerIdentity > 0) {
      await this.count(IDENTITY_THROTTLER, identityKey, requestsPerIdentity, 'for one identity');
    }
  }

  private async count(name: string, key: string, limit: number, scope: string): Promise<void> {
    const retryAfter = await this.limiter.hit(name, key, limit);
    if (retryAfter === 0) return;
    throw new RateLimitedError(
      `Too many requests: at most ${limit} per ${this.limiter.windowMs / 1000} s ${scope}. Retry in ${retryAfter} s.`,
      retryAfter,
    );
  }
}
