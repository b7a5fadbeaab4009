import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../operations/metrics/metrics.service';
import { PushListener } from './push.listener';

/** Publishes push outcomes (only exists when push is on, like the module it belongs to). */
@Injectable()
export class PushMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly push: PushListener,
  ) {}

  onModuleInit(): void {
    this.metrics.mirrorCounter(
      'messagebox_push_results_total',
      'Push notifications by outcome (sent, invalid-token, failed)',
      () => new Map(Object.entries(this.push.outcomes)),
      'outcome',
    );
  }
}
