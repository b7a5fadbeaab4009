import { DataSource, DataSourceOptions } from 'typeorm';
import { applyDialectColumnTypes } from './dialect-column-types';
import { enableQueryTimeout } from './mysql-query-timeout';

const MYSQL_MIGRATION_LOCK = 'messagebox_migrations';

/**
 * Several instances may start at once against one MySQL database: the advisory lock lets exactly
 * one of them apply pending migrations while the others wait and then find nothing to do.
 */
async function runMigrationsLocked(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SELECT GET_LOCK(?, 120)', [MYSQL_MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT RELEASE_LOCK(?)', [MYSQL_MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** SQLite tuning: WAL is set by TypeORM; NORMAL sync is safe with WAL and far faster than FULL. */
async function tuneSqlite(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'sqlite') return;
  await ds.query('PRAGMA synchronous = NORMAL');
  await ds.query('PRAGMA temp_store = MEMORY');
}

/** Connects, applies pending migrations (when `migrationsRun`) and aligns dialect-specific metadata. */
/**
 * DB_DRIVER=mysql serves MySQL and MariaDB alike, but TypeORM reads MariaDB's catalogue (column
 * defaults) correctly only with its `mariadb` type, so the server flavour is detected once.
 */
async function connect(options: DataSourceOptions): Promise<DataSource> {
  const ds = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (options.type !== 'mysql') return ds;
  const [row] = await ds.query<Array<{ version: string }>>('SELECT VERSION() AS version');
  if (!/mariadb/i.test(row?.version ?? '')) return ds;
  await ds.destroy();
  return new DataSource({ ...options, type: 'mariadb', migrationsRun: false }).initialize();
}

export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const ds = await connect(options);
  applyDialectColumnTypes(ds);
  await tuneSqlite(ds);
  if (options.migrationsRun) await runMigrationsLocked(ds);
  enableQueryTimeout(ds);
  return ds;
}
