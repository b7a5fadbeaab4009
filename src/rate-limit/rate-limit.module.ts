import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LimitsConfig } from '../config/configuration';
import { MetricsModule } from '../operations/metrics/metrics.module';
import { FixedWindowLimiter } from './fixed-window-limiter';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';
import { HandshakeRateLimiter } from './handshake-rate-limiter';
import { IdentityThrottlerGuard } from './identity-throttler.guard';
import { IDENTITY_THROTTLER, RequestBudget } from './request-budget';

/**
 * Rate limits (docs/protocol/limits.md#rate-limits), counted per instance in memory: behind a load balancer each
 * instance enforces its own share. A limit of 0 turns that limit off.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [LimitsConfig],
      useFactory: (limits: LimitsConfig) => {
        const limit = limits.requestsPerIdentity;
        return {
          storage: new FixedWindowThrottlerStorage(),
          throttlers: [
            {
              name: IDENTITY_THROTTLER,
              ttl: limits.rateLimitWindowMs,
              limit,
              skipIf: () => limit === 0,
            },
          ],
        };
      },
    }),
    MetricsModule,
  ],
  providers: [
    FixedWindowLimiter,
    HandshakeRateLimiter,
    RequestBudget,
    { provide: APP_GUARD, useClass: IdentityThrottlerGuard },
  ],
  exports: [HandshakeRateLimiter, RequestBudget],
})
export class RateLimitModule {}
