import { DataSource, QueryRunner } from 'typeorm';

export type SqlDialectKind = 'sqlite' | 'mysql' | 'mariadb';

/**
 * The few spellings that differ between SQLite and MySQL/MariaDB in the hand-written SQL of the
 * hot paths (where TypeORM's query building and hydration cost more than the query itself).
 */
export class SqlDialect {
  readonly kind: SqlDialectKind;

  /** From the app's DataSource, or a bare kind (docs/sql generation needs no connection). */
  constructor(source: DataSource | SqlDialectKind) {
    const type = typeof source === 'string' ? source : source.options.type;
    this.kind = type === 'sqlite' ? 'sqlite' : type === 'mariadb' ? 'mariadb' : 'mysql';
  }

  get insertIgnore(): string {
    return this.kind === 'sqlite' ? 'INSERT OR IGNORE INTO' : 'INSERT IGNORE INTO';
  }

  /** SQLite (3.35+) and MariaDB (10.5+) return the rows an INSERT really wrote; MySQL cannot. */
  get insertReturning(): boolean {
    return this.kind !== 'mysql';
  }

  /**
   * Runs a statement that yields rows whatever its verb (an INSERT ... RETURNING): TypeORM's
   * SQLite runner picks sqlite3's run() for any statement starting with INSERT and drops the
   * rows, so on SQLite the statement goes to the driver's all() on the runner's own connection
   * (QueryRunner.connect() returns it), retried on SQLITE_BUSY as TypeORM's runner does
   * (`busyErrorRetry`). mysql2 already answers RETURNING with the rows.
   */
  async queryRows<T>(runner: QueryRunner, sql: string, params: unknown[]): Promise<T[]> {
    if (this.kind !== 'sqlite') return (await runner.query(sql, params)) as T[];
    const db = (await runner.connect()) as SqliteConnection;
    const { busyErrorRetry } = runner.connection.options as { busyErrorRetry?: number };
    return new Promise<T[]>((resolve, reject) => {
      const attempt = () =>
        db.all(sql, params, (error, rows) => {
          if (!error) return resolve(rows as T[]);
          // A busy database refused the statement before writing anything: run it again.
          if (busyErrorRetry && String(error).includes('SQLITE_BUSY:')) {
            setTimeout(attempt, busyErrorRetry);
          } else reject(error);
        });
      attempt();
    });
  }

  /** A timestamp parameter in the form TypeORM stores for this driver (UTC, milliseconds). */
  time(at: Date): Date | string {
    return this.kind === 'sqlite' ? at.toISOString().replace('T', ' ').replace('Z', '') : at;
  }

  /** A timestamp column read back with raw SQL, as ISO-8601 UTC. */
  iso(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    const text = String(value);
    return text.includes('T') ? text : `${text.replace(' ', 'T')}Z`;
  }

  /**
   * Bytes of a text column. SQLite's octet_length reads the length from the record header
   * without loading the value; MySQL's LENGTH already counts bytes.
   */
  byteLength(column: string): string {
    return this.kind === 'sqlite' ? `octet_length(${column})` : `LENGTH(${column})`;
  }

  placeholders(count: number, each = '?'): string {
    return Array.from({ length: count }, () => each).join(', ');
  }
}

/** The part of the sqlite3 Database API queryRows uses. */
interface SqliteConnection {
  all(sql: string, params: unknown[], done: (error: Error | null, rows: unknown[]) => void): void;
}
