import { DataSourceOptions } from 'typeorm';
import { DbDriver } from '../config/environment-variables';
import { DatabaseSettings } from './database-settings';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

function quietSqlite3(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as object;
  return Object.assign(Object.create(sqlite3) as object, { verbose: () => sqlite3 });
}

/** One place builds the TypeORM options, for the app, the CLI (ormconfig.ts) and the tests. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // openDataSource() applies them itself, under a lock; schema sync is never used.
    migrationsRun: settings.runMigrations,
    synchronize: false,
    logging: false,
  } as const;
  if (settings.driver === DbDriver.Mysql) {
    return {
      ...common,
      type: 'mysql',
      connectorPackage: 'mysql2',
      url: settings.source,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      connectTimeout: settings.connectTimeoutMs,
      // Read by openDataSource(), which turns the per-query timeout on after migrations (a
      // migration, or the wait for the migration lock, may legitimately take longer).
      maxQueryExecutionTime: settings.queryTimeoutMs,
      extra: { connectionLimit: settings.maxConnections },
    };
  }
  return {
    ...common,
    type: 'sqlite',
    // TypeORM calls sqlite3.verbose(), which makes every statement build an Error with a stack
    // trace; this driver answers verbose() with the plain module (tenths of a ms per query).
    driver: quietSqlite3(),
    database: settings.source,
    enableWAL: settings.source !== ':memory:',
    busyErrorRetry: 50,
  };
}
