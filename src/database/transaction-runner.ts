import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;

/**
 * Runs writes. SQLite has one connection in TypeORM, so two transactions started concurrently on
 * it would collide ("transaction already started"), and a lone statement run while another
 * request's transaction is open would join (and could roll back with) it: every SQLite write is
 * queued here, one at a time (SQLite has a single writer anyway). MySQL runs them concurrently and
 * a transaction that lost a deadlock is retried, since it was rolled back whole.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly sqlite: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'sqlite';
  }

  /** Several statements, all or nothing. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.sqlite) return this.queued(() => this.sqliteTransaction(work));
    return this.withRetry(() => this.dataSource.transaction(work));
  }

  /** One statement (atomic by itself): no BEGIN/COMMIT round trips, still queued on SQLite. */
  single<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const once = async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await work(runner);
      } finally {
        await runner.release();
      }
    };
    return this.sqlite ? this.queued(once) : this.withRetry(once);
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, an OR
   * ROLLBACK conflict); TypeORM's ROLLBACK then fails ("no transaction is active") and its one
   * query runner keeps believing a transaction is open. Every later transaction would become a
   * SAVEPOINT, and the first one refused after that (ROLLBACK TO leaves the real transaction open)
   * would leave an open transaction that silently holds every later write: answered 200, seen by
   * this connection, never committed. So after any failure the state is made true again: at most
   * one transaction runs at a time here, so none may be open once it has ended.
   */
  private async sqliteTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const runner = this.dataSource.createQueryRunner() as QueryRunner & {
        isTransactionActive: boolean;
        transactionDepth: number;
      };
      if (runner.isTransactionActive) {
        // Fails harmlessly when SQLite already rolled back; ends the transaction when it did not.
        await runner.query('ROLLBACK').catch(() => undefined);
        runner.isTransactionActive = false;
        runner.transactionDepth = 0;
      }
      throw error;
    }
  }

  private queued<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !MYSQL_RETRYABLE.has(code)) throw error;
      }
    }
  }
}
