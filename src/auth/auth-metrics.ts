import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../operations/metrics/metrics.service';
import { Brc104Middleware } from './brc104/brc104.middleware';
import { MemorySessionStore } from './sessions/memory-session-store';
import { SessionStore } from './sessions/session-store';

/**
 * Publishes the BRC-104 refusals the middleware counts and, for the in-memory store, the bytes its
 * replay cache holds (bounded by AUTH_REPLAY_CACHE_MAX_BYTES), read by Metrics at each scrape.
 */
@Injectable()
export class AuthMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly brc104: Brc104Middleware,
    private readonly sessions: SessionStore,
  ) {}

  onModuleInit(): void {
    this.metrics.mirrorCounter(
      'messagebox_auth_failures_total',
      'Requests refused by BRC-104 verification, by reason',
      () => this.brc104.failures,
      'reason',
    );
    const sessions = this.sessions;
    if (sessions instanceof MemorySessionStore) {
      this.metrics.mirrorGauge(
        'messagebox_auth_replay_cache_bytes',
        'Approximate bytes of request nonces remembered by the in-memory session store',
        () => sessions.replayBytes(),
      );
    }
  }
}
