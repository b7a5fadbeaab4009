import { Injectable, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Brc104Middleware } from '../auth/brc104/brc104.middleware';
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
    const live = this.optional(LiveDeliveryService);
    if (live) {
      this.metrics.mirrorCounter(
        'messagebox_live_deliveries_total',
        'Messages delivered live to sockets on this instance (one per socket)',
        () => live.delivered,
      );
    }
  }

  private optional<T>(type: Type<T>): T | undefined {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }
}
