import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

/**
 * Runs write transactions. SQLite has one connection in TypeORM, so two transactions started
 * concurrently on it would collide ("transaction already started") or interleave: writes are
 * queued here, one at a time (SQLite has a single writer anyway). MySQL runs them concurrently
 * and a transaction that lost a deadlock is retried, since it was rolled back whole.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'sqlite') {
      const next = this.tail.then(() => this.dataSource.transaction(work));
      this.tail = next.catch(() => undefined);
      return next;
    }
    return this.withRetry(work);
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !MYSQL_RETRYABLE.has(code)) throw error;
      }
    }
  }
}
