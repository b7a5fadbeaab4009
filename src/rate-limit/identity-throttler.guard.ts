import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { AppError } from '../common/errors/app-error';
import { HttpRequest } from '../common/http/http-request';
import { MetricsService } from '../metrics/metrics.service';

export const IDENTITY_THROTTLER = 'identity';

/**
 * Per-identity limit on authenticated HTTP routes, keyed by the key BRC-104 proved (never an IP:
 * many clients may share one). Unauthenticated requests are the AuthGuard's business, and the
 * 429 goes through Nest, so the response signer signs it like any other reply.
 */
@Injectable()
export class IdentityThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: MetricsService,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    const req = context.switchToHttp().getRequest<HttpRequest>();
    return Promise.resolve(!req.auth?.identityKey);
  }

  protected override getTracker(req: HttpRequest): Promise<string> {
    return Promise.resolve(req.auth!.identityKey);
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    this.metrics.rateLimited.inc({ limit: 'identity' });
    throw new AppError(
      'ERR_TOO_MANY_REQUESTS',
      `Too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s for one identity. Retry in ${detail.timeToBlockExpire} s.`,
      429,
    );
  }
}
