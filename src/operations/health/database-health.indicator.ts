import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../database/transaction-runner';
import { describeError } from '../../common/errors/describe-error';

const TIMEOUT_MS = 1500;
/** A write probe costs a small write: a success is reused for this long. */
const WRITE_PROBE_REUSE_MS = 5000;
/** A failed probe costs next to nothing (the write is refused at once): readiness returns soon after the disk does. */
const FAILED_PROBE_REUSE_MS = 1000;
/** Large enough to need fresh pages, like a real message, not just a rewrite of one page. */
const PROBE_BYTES = 16 * 1024;

/**
 * The database is ready when it answers a query and, for SQLite, when it accepts a write: a full
 * disk (SQLITE_FULL) leaves reads working while every send fails, which a ping cannot see. MySQL
 * reports a full disk on the server side and answers 503 through the write that failed.
 */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly sqlite: boolean;
  private probeTableReady = false;
  private lastProbe?: { at: number; error?: string };

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly writes: TransactionRunner,
  ) {
    this.sqlite = dataSource.options.type === 'sqlite';
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    try {
      await withTimeout(this.dataSource.query('SELECT 1'));
      if (this.sqlite) await this.writeProbe();
      return session.up();
    } catch (error) {
      return session.down(describeError(error));
    }
  }

  private async writeProbe(): Promise<void> {
    const now = Date.now();
    const reuseMs = this.lastProbe?.error ? FAILED_PROBE_REUSE_MS : WRITE_PROBE_REUSE_MS;
    if (!this.lastProbe || now - this.lastProbe.at > reuseMs) {
      let error: string | undefined;
      try {
        await withTimeout(this.probeOnce());
      } catch (e) {
        error = describeError(e);
      }
      this.lastProbe = { at: now, error };
    }
    if (this.lastProbe.error) throw new Error(this.lastProbe.error);
  }

  /**
   * Writes and deletes a row in a table of its own (not part of the schema), as autocommit
   * statements like the hot write paths: a transaction that failed on a full disk must not leave
   * the probe itself stuck once space is back.
   */
  private async probeOnce(): Promise<void> {
    if (!this.probeTableReady) {
      await this.writes.single((runner) =>
        runner.query(
          'CREATE TABLE IF NOT EXISTS readiness_probe (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)',
        ),
      );
      this.probeTableReady = true;
    }
    await this.writes.single((runner) =>
      runner.query('INSERT OR REPLACE INTO readiness_probe (id, payload) VALUES (1, ?)', [
        Buffer.alloc(PROBE_BYTES, 1),
      ]),
    );
    await this.writes.single((runner) => runner.query('DELETE FROM readiness_probe'));
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
