import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { LimitsConfig } from '../config/configuration';
import { MetricsService } from '../operations/metrics/metrics.service';

/**
 * The one fixed-window count behind every limit (handshakes per IP, requests per IP and per
 * identity; docs/protocol/limits.md#rate-limits): all windows are RATE_LIMIT_WINDOW_SECONDS long
 * and kept in the throttler's storage, and every refusal is counted under its limit's name.
 */
@Injectable()
export class FixedWindowLimiter {
  readonly windowMs: number;

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly metrics: MetricsService,
    limits: LimitsConfig,
  ) {
    this.windowMs = limits.rateLimitWindowMs;
  }

  /**
   * Counts one hit of `key` under the limit `name`; resolves to 0 while within `limit`, else to
   * the seconds to wait (at least 1).
   */
  async hit(name: string, key: string, limit: number): Promise<number> {
    const record = await this.storage.increment(key, this.windowMs, limit, this.windowMs, name);
    if (!record.isBlocked) return 0;
    this.metrics.rateLimited.inc({ limit: name });
    return Math.max(1, record.timeToBlockExpire);
  }
}
