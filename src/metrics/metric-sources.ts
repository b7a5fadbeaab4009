import { Injectable, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Gauge } from 'prom-client';
import { Brc104Middleware } from '../auth/brc104/brc104.middleware';
import { AppError } from '../common/errors/app-error';
import { ReadinessService } from '../health/readiness.service';
import { PushListener } from '../push/push.listener';
import { LiveDeliveryService } from '../realtime/live-delivery.service';
import { SocketRegistry } from '../realtime/socket-registry';
import { MetricsService } from './metrics.service';

/**
 * Exposes numbers other components already keep (auth failures, push outcomes, sockets, live
 * deliveries) instead of making them depend on metrics. Push and realtime are optional modules:
 * their metrics exist only when they are loaded.
 */
@Injectable()
export class MetricSources implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: MetricsService,
    private readonly moduleRef: ModuleRef,
    private readonly brc104: Brc104Middleware,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.mirrorCounter(
      'messagebox_auth_failures_total',
      'Requests refused by BRC-104 verification, by reason',
      () => this.brc104.failures,
      'reason',
    );
    const push = this.optional(PushListener);
    if (push) {
      this.metrics.mirrorCounter(
        'messagebox_push_results_total',
        'Push notifications by outcome (sent, invalid-token, failed)',
        () => new Map(Object.entries(push.outcomes)),
        'outcome',
      );
    }
    const sockets = this.optional(SocketRegistry);
    if (sockets) {
      this.metrics.mirrorGauge(
        'messagebox_connected_sockets',
        'Authenticated Socket.IO connections on this instance',
        () => sockets.size(),
      );
    }
    const readiness = this.optional(ReadinessService);
    if (readiness) this.readinessGauge(readiness);
    const live = this.optional(LiveDeliveryService);
    if (live) {
      this.metrics.mirrorCounter(
        'messagebox_live_deliveries_total',
        'Messages delivered live to sockets on this instance (one per socket)',
        () => live.delivered,
      );
    }
  }

  /** messagebox_ready{check}: what /health/ready says, checked at each scrape. */
  private readinessGauge(readiness: ReadinessService): void {
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

  private optional<T>(type: Type<T>): T | undefined {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return undefined;
    }
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
