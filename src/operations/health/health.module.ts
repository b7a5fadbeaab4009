import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisModule } from '../../common/redis/redis.module';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { MetricsModule } from '../metrics/metrics.module';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { HealthController } from './health.controller';
import { ReadinessMetrics } from './readiness-metrics';
import { ReadinessService } from './readiness.service';
import { RedisHealthIndicator } from './redis-health.indicator';

/** Liveness and readiness probes (public, at the origin root whatever ROUTING_PREFIX says). */
@Module({
  // Readiness failures are logged once by ReadinessService, in our format.
  imports: [TerminusModule.forRoot({ logger: false }), RedisModule, MetricsModule],
  controllers: [HealthController],
  // ShutdownState lives here: readiness is its reader; main.ts sets it through app.get().
  providers: [
    ReadinessService,
    ReadinessMetrics,
    RedisHealthIndicator,
    DatabaseHealthIndicator,
    ShutdownState,
  ],
  exports: [ShutdownState],
})
export class HealthModule {}
