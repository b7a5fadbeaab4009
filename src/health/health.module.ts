import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';
import { RedisHealthIndicator } from './redis-health.indicator';

/** Liveness and readiness probes (public, at the origin root whatever ROUTING_PREFIX says). */
@Module({
  // Readiness failures are logged once by ReadinessService, in our format.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  // ShutdownState lives here: readiness is its reader; main.ts sets it through app.get().
  providers: [ReadinessService, RedisHealthIndicator, DatabaseHealthIndicator, ShutdownState],
  exports: [ShutdownState],
})
export class HealthModule {}
