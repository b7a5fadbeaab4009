import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

interface Window {
  hits: number;
  resetsAt: number;
  blockedUntil: number;
}

const SWEEP_EVERY_MS = 30_000;
const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * Fixed-window counters, one small record per key. The throttler's default storage arms a timer
 * for every single hit and keeps it for the whole window, which costs CPU per request and holds
 * tens of thousands of timers at a few hundred requests per second.
 */
@Injectable()
export class FixedWindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { hits: 0, resetsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    if (w.blockedUntil <= now) {
      if (w.resetsAt <= now) {
        w.hits = 0;
        w.resetsAt = now + ttl;
      }
      w.hits++;
      if (w.hits > limit) w.blockedUntil = now + blockDuration;
    }
    const isBlocked = w.blockedUntil > now;
    return Promise.resolve({
      totalHits: w.hits,
      timeToExpire: seconds(w.resetsAt - now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(w.blockedUntil - now) : 0,
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, w] of this.windows) {
      if (w.resetsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
    }
  }
}
