import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../operations/metrics/metrics.service';
import { LiveDeliveryService } from './live-delivery.service';
import { SocketRegistry } from './socket-registry';

/** Publishes connected sockets and live deliveries (only when websockets are on). */
@Injectable()
export class RealtimeMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly sockets: SocketRegistry,
    private readonly live: LiveDeliveryService,
  ) {}

  onModuleInit(): void {
    this.metrics.mirrorGauge(
      'messagebox_connected_sockets',
      'Authenticated Socket.IO connections on this instance',
      () => this.sockets.size(),
    );
    this.metrics.mirrorCounter(
      'messagebox_live_deliveries_total',
      'Messages delivered live to sockets on this instance (one per socket)',
      () => this.live.delivered,
    );
  }
}
