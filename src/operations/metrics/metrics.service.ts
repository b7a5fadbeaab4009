import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A number some other component already counts; read when Prometheus scrapes. */
export type CountSource = () => ReadonlyMap<string, number> | number;

/**
 * The server's Prometheus metrics, on a registry of its own (not prom-client's global one), so
 * several app instances in one process, as in the tests, never collide.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'messagebox_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'messagebox_http_request_duration_seconds',
    help: 'Time from request arrival to the last byte of the (signed) response',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly messagesStored = new Counter({
    name: 'messagebox_messages_stored_total',
    help: 'Messages stored (one per recipient; resends with a known id are not counted)',
    registers: [this.registry],
  });

  readonly messagesAcknowledged = new Counter({
    name: 'messagebox_messages_acknowledged_total',
    help: 'Messages deleted by their recipient through /acknowledgeMessage',
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'messagebox_rate_limited_total',
    help: 'Requests refused with 429, by limit (handshake per IP, requests per identity)',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A counter whose value lives elsewhere (e.g. Brc104Middleware.failures), read at scrape. */
  mirrorCounter(name: string, help: string, source: CountSource, label = 'kind'): void {
    new Counter({
      name,
      help,
      labelNames: [label],
      registers: [this.registry],
      collect() {
        this.reset();
        const value = source();
        if (typeof value === 'number') this.inc(value);
        else for (const [key, n] of value) this.inc({ [label]: key }, n);
      },
    });
  }

  /** A gauge read at scrape time (e.g. connected sockets). */
  mirrorGauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
