import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { EnvironmentVariables } from '../config/environment-variables';
import { MetricsModule } from '../metrics/metrics.module';
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
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => {
        const limit = config.get('RATE_LIMIT_REQUESTS_PER_IDENTITY', { infer: true });
        return {
          storage: new FixedWindowThrottlerStorage(),
          throttlers: [
            {
              name: IDENTITY_THROTTLER,
              ttl: config.get('RATE_LIMIT_WINDOW_SECONDS', { infer: true }) * 1000,
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
