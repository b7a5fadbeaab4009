import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics.listener';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics. Not global: a module that publishes numbers imports it and registers them
 * through MetricsService.mirrorCounter / mirrorGauge (auth, push, realtime, health) or counts
 * into it (rate limits); Metrics itself imports no component.
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsListener],
  exports: [MetricsService],
})
export class MetricsModule {}
