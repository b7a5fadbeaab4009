import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * Two column kinds have no portable TypeORM type:
 * - long text: message bodies can carry payment transactions of several MB, and MySQL's TEXT
 *   stops at 64 KB, so MySQL needs LONGTEXT while SQLite only knows TEXT;
 * - 64-bit auto-increment keys: MySQL needs BIGINT, while SQLite allows AUTOINCREMENT only on
 *   INTEGER (which is 64-bit there anyway).
 * Entity decorators cannot vary by driver, so entities declare the SQLite form and this aligns
 * the built metadata of a MySQL DataSource with the migrations (keeps the drift check honest).
 */
const MYSQL_TYPES: Array<[table: string, column: string, type: string]> = [
  ['messages', 'body', 'longtext'],
  ['messages', 'id', 'bigint'],
  ['delivery_payments', 'beef', 'longtext'],
];

const isMysql = (driver: DataSourceOptions['type']) => driver === 'mysql' || driver === 'mariadb';

export function longTextType(driver: DataSourceOptions['type']): string {
  return isMysql(driver) ? 'longtext' : 'text';
}

export function bigIncrementType(driver: DataSourceOptions['type']): string {
  return isMysql(driver) ? 'bigint' : 'integer';
}

export function applyDialectColumnTypes(dataSource: DataSource): void {
  if (!isMysql(dataSource.options.type)) return;
  for (const [table, column, type] of MYSQL_TYPES) {
    const meta = dataSource.entityMetadatas.find((m) => m.tableName === table);
    const col = meta?.columns.find((c) => c.databaseName === column);
    if (col) col.type = type as typeof col.type;
  }
}
