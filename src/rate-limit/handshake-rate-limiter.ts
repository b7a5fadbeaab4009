import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HANDSHAKE_PATH } from '../auth/brc104/brc104.middleware';
import { sendJsonError } from '../common/http/send-json-error';
import { LimitsConfig } from '../config/configuration';
import { FixedWindowLimiter } from './fixed-window-limiter';

const THROTTLER_NAME = 'handshake';

/**
 * Per-IP limit on BRC-104 handshakes. The handshake is answered inside the BRC-104 middleware,
 * before Nest's router, so no guard ever sees it: this Express middleware runs just before that
 * one and uses the throttler's own storage. Its 429 is unsigned, as a handshake reply can't be.
 */
@Injectable()
export class HandshakeRateLimiter {
  private readonly limit: number;

  constructor(
    private readonly limiter: FixedWindowLimiter,
    limits: LimitsConfig,
  ) {
    this.limit = limits.handshakesPerIp;
  }

  /**
   * Counts one handshake from `ip`, over HTTP or a socket (both create a session); resolves to
   * the seconds to wait when over the limit, else 0.
   */
  async spend(ip: string): Promise<number> {
    if (this.limit === 0) return 0;
    return this.limiter.hit(THROTTLER_NAME, `${THROTTLER_NAME}:${ip}`, this.limit);
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
