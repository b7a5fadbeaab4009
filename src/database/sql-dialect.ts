import { DataSource } from 'typeorm';

/**
 * The few spellings that differ between SQLite and MySQL/MariaDB in the hand-written SQL of the
 * hot paths (where TypeORM's query building and hydration cost more than the query itself).
 */
export class SqlDialect {
  readonly kind: 'sqlite' | 'mysql' | 'mariadb';

  constructor(dataSource: DataSource) {
    const type = dataSource.options.type;
    this.kind = type === 'sqlite' ? 'sqlite' : type === 'mariadb' ? 'mariadb' : 'mysql';
  }

  get insertIgnore(): string {
    return this.kind === 'sqlite' ? 'INSERT OR IGNORE INTO' : 'INSERT IGNORE INTO';
  }

  /** SQLite (3.35+) and MariaDB (10.5+) return the rows an INSERT really wrote; MySQL cannot. */
  get insertReturning(): boolean {
    return this.kind !== 'mysql';
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
