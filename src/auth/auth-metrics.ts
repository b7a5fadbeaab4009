import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../operations/metrics/metrics.service';
import { Brc104Middleware } from './brc104/brc104.middleware';

/** Publishes the BRC-104 refusals the middleware counts, read by Metrics at each scrape. */
@Injectable()
export class AuthMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly brc104: Brc104Middleware,
  ) {}

  onModuleInit(): void {
    this.metrics.mirrorCounter(
      'messagebox_auth_failures_total',
      'Requests refused by BRC-104 verification, by reason',
      () => this.brc104.failures,
      'reason',
    );
  }
}
