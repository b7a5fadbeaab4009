import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AppError } from '../../common/errors/app-error';
import { MetricsService } from '../metrics/metrics.service';
import { ReadinessService } from './readiness.service';

/** Publishes what /health/ready says as messagebox_ready{check}, checked at each scrape. */
@Injectable()
export class ReadinessMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    const readiness = this.readiness;
    new Gauge({
      name: 'messagebox_ready',
      help: 'Readiness of each dependency as /health/ready sees it (1 up, 0 down)',
      labelNames: ['check'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        for (const [check, state] of Object.entries(await readinessStates(readiness))) {
          this.set({ check }, state === 'up' ? 1 : 0);
        }
      },
    });
  }
}

/** The state of each check; a scrape never fails because a dependency is down. */
async function readinessStates(readiness: ReadinessService): Promise<Record<string, string>> {
  try {
    return (await readiness.check()).checks;
  } catch (error) {
    const checks = error instanceof AppError ? error.extra?.checks : undefined;
    return typeof checks === 'object' && checks !== null
      ? (checks as Record<string, string>)
      : { database: 'down' };
  }
}
