import { Inject, Injectable } from '@nestjs/common';
import { ChainTracker } from '@bsv/sdk';
import { AppError } from '../../common/errors/app-error';
import { PaymentsConfig } from '../../config/configuration';
import { CHAIN_TRACKER } from '../chain-tracker.provider';

const unavailable = () =>
  new AppError(
    'ERR_PAYMENT_VERIFICATION_UNAVAILABLE',
    'Payments cannot be verified right now; try again later.',
  );

/**
 * Asks the chain tracker whether a merkle root is the block's at a height, with a budget: a
 * confirmed root is remembered per height (least recently used dropped first), a lookup not
 * answered within CHAIN_TRACKER_TIMEOUT_MS is a 503, and each identity may cause at most
 * CHAIN_TRACKER_LOOKUPS_PER_MINUTE lookups, so a sender choosing block heights cannot make the
 * server call out without bound.
 */
@Injectable()
export class MerkleRootChecker {
  private readonly roots = new Map<number, string>();
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly cacheSize: number;
  private readonly timeoutMs: number;
  private readonly perMinute: number;

  constructor(
    @Inject(CHAIN_TRACKER) private readonly tracker: ChainTracker,
    payments: PaymentsConfig,
  ) {
    this.cacheSize = payments.chainTrackerCacheSize;
    this.timeoutMs = payments.chainTrackerTimeoutMs;
    this.perMinute = payments.chainTrackerLookupsPerMinute;
  }

  async isValidRoot(identity: string, height: number, root: string): Promise<boolean> {
    const known = this.roots.get(height);
    if (known === root) {
      this.roots.delete(height);
      this.roots.set(height, root);
      return true;
    }
    this.spendLookup(identity);
    const valid = await this.ask(height, root);
    if (valid) {
      this.roots.set(height, root);
      if (this.roots.size > this.cacheSize) this.roots.delete(this.roots.keys().next().value!);
    }
    return valid;
  }

  private spendLookup(identity: string): void {
    const now = Date.now();
    let window = this.windows.get(identity);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size >= 100_000) this.dropExpiredWindows(now);
      window = { start: now, count: 0 };
      this.windows.set(identity, window);
    }
    if (window.count >= this.perMinute) {
      throw new AppError(
        'ERR_TOO_MANY_REQUESTS',
        'Too many payments needing a block header lookup; try again in a minute.',
      );
    }
    window.count++;
  }

  private dropExpiredWindows(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(key);
    if (this.windows.size >= 100_000) this.windows.clear();
  }

  private async ask(height: number, root: string): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable()), this.timeoutMs);
    });
    try {
      return await Promise.race([
        this.tracker.isValidRootForHeight(root, height).catch(() => {
          throw unavailable();
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
