import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentsConfig } from '../../config/configuration';
import { DeliveryPaymentEntity } from '../delivery-payment.entity';
import { FeeOutboxRepository } from './fee-outbox.repository';
import { FEE_WALLET, FeeWallet } from './fee-wallet';
import { describeError } from '../../common/errors/describe-error';

/** Longest wait for one internalization, and the longest pause between two attempts. */
const ATTEMPT_TIMEOUT_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;
const BATCH = 20;

/**
 * Hands every received delivery fee to the server's wallet, from the durable outbox the send
 * transaction wrote (a send never waits for the wallet). Failures are retried with exponential
 * backoff (FEE_RETRY_BASE_MS doubling, at most an hour apart) up to FEE_MAX_ATTEMPTS, then the
 * row is `failed` until `npm run admin -- payments retry-failed`. Without a wallet nothing runs
 * and every fee stays `pending` for the operator to sweep (`npm run admin -- payments`).
 */
@Injectable()
export class FeeCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FeeCollector.name);
  private readonly outbox: FeeOutboxRepository;
  private readonly intervalMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(FEE_WALLET) private readonly wallet: FeeWallet | null,
    dataSource: DataSource,
    payments: PaymentsConfig,
  ) {
    this.outbox = new FeeOutboxRepository(dataSource);
    this.intervalMs = payments.feeCollectionIntervalMs;
    this.maxAttempts = payments.feeMaxAttempts;
    this.retryBaseMs = payments.feeRetryBaseMs;
  }

  onApplicationBootstrap(): void {
    if (!this.wallet || this.intervalMs === 0) return;
    this.timer = setInterval(() => void this.collectDue(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the due outbox rows; returns how many were internalized. */
  collectDue(now = new Date()): Promise<number> {
    if (!this.wallet) return Promise.resolve(0);
    this.running ??= this.pass(this.wallet, now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(wallet: FeeWallet, now: Date): Promise<number> {
    let done = 0;
    try {
      for (const row of await this.outbox.due(now, BATCH)) {
        if (!(await this.outbox.claim(row, new Date(now.getTime() + ATTEMPT_TIMEOUT_MS)))) continue;
        if (await this.attempt(wallet, row, now)) done++;
      }
    } catch (error) {
      // The database is unavailable: the rows stay as they are and the next pass tries again.
      this.logger.warn(`fee collection pass failed: ${String(error)}`);
    }
    return done;
  }

  private async attempt(wallet: FeeWallet, row: DeliveryPaymentEntity, now: Date) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        wallet.internalize({
          txid: row.txid,
          vout: row.vout,
          satoshis: row.satoshis,
          senderIdentityKey: row.senderIdentityKey,
          derivationPrefix: row.derivationPrefix,
          derivationSuffix: row.derivationSuffix,
          beefBase64: row.beef,
        }),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('wallet did not answer in time')),
            ATTEMPT_TIMEOUT_MS,
          );
        }),
      ]);
      await this.outbox.internalized(row.id, new Date());
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const backoff = Math.min(this.retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      const next = attempts >= this.maxAttempts ? null : new Date(now.getTime() + backoff);
      const message = describeError(error);
      await this.outbox.attemptFailed(row.id, attempts, message, next);
      this.logger.warn(
        `fee ${row.txid}:${row.vout} not internalized (attempt ${attempts}): ${message}`,
      );
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
