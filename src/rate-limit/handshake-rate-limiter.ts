import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { HANDSHAKE_PATH } from '../auth/brc104/brc104.middleware';
import { sendJsonError } from '../common/http/send-json-error';
import { LimitsConfig } from '../config/configuration';
import { MetricsService } from '../metrics/metrics.service';

const THROTTLER_NAME = 'handshake';

/**
 * Per-IP limit on BRC-104 handshakes. The handshake is answered inside the BRC-104 middleware,
 * before Nest's router, so no guard ever sees it: this Express middleware runs just before that
 * one and uses the throttler's own storage. Its 429 is unsigned, as a handshake reply can't be.
 */
@Injectable()
export class HandshakeRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly metrics: MetricsService,
    limits: LimitsConfig,
  ) {
    this.limit = limits.handshakesPerIp;
    this.windowMs = limits.rateLimitWindowMs;
  }

  /**
   * Counts one handshake from `ip`, over HTTP or a socket (both create a session); resolves to
   * the seconds to wait when over the limit, else 0.
   */
  async spend(ip: string): Promise<number> {
    if (this.limit === 0) return 0;
    const key = `${THROTTLER_NAME}:${ip}`;
    const record = await this.storage.increment(
      key,
      this.windowMs,
      this.limit,
      this.windowMs,
      THROTTLER_NAME,
    );
    if (!record.isBlocked) return 0;
    this.metrics.rateLimited.inc({ limit: 'handshake' });
    return Math.max(1, record.timeToBlockExpire);
  }

  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    if (this.limit === 0 || req.method !== 'POST' || req.path !== HANDSHAKE_PATH) {
      next();
      return;
    }
    this.spend(req.ip ?? 'unknown').then((retryAfter) => {
      if (retryAfter === 0) {
        next();
        return;
      }
      sendJsonError(
        res,
        429,
        {
          status: 'error',
          code: 'ERR_TOO_MANY_REQUESTS',
          description: `Too many handshakes from this address. Retry in ${retryAfter} s.`,
        },
        { 'Retry-After': String(retryAfter) },
      );
    }, next);
  };
}
