import { Global, Module } from '@nestjs/common';
import { MetricSources } from './metric-sources';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics.listener';
import { MetricsService } from './metrics.service';

/** Prometheus metrics; global so that limiters and the HTTP wiring can count into it. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsListener, MetricSources],
  exports: [MetricsService],
})
export class MetricsModule {}
