import { ConfigService } from '@nestjs/config';
import { DbDriver, EnvironmentVariables } from '../config/environment-variables';

/** What the persistence layer needs from the configuration. */
export interface DatabaseSettings {
  driver: DbDriver;
  /** SQLite file path (or ":memory:"), or a mysql:// URL. */
  source: string;
  maxConnections: number;
  runMigrations: boolean;
  /** MySQL: bound on connecting, and on each query once migrations are done. */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

export function databaseSettingsFrom(env: EnvironmentVariables): DatabaseSettings {
  return {
    driver: env.DB_DRIVER,
    source: env.DB_SOURCE,
    maxConnections: env.DB_MAX_CONNECTIONS,
    runMigrations: !env.DB_SKIP_MIGRATIONS,
    connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: env.DB_QUERY_TIMEOUT_MS,
  };
}

export function databaseSettingsFromConfig(
  config: ConfigService<EnvironmentVariables, true>,
): DatabaseSettings {
  return {
    driver: config.get('DB_DRIVER', { infer: true }),
    source: config.get('DB_SOURCE', { infer: true }),
    maxConnections: config.get('DB_MAX_CONNECTIONS', { infer: true }),
    runMigrations: !config.get('DB_SKIP_MIGRATIONS', { infer: true }),
    connectTimeoutMs: config.get('DB_CONNECT_TIMEOUT_MS', { infer: true }),
    queryTimeoutMs: config.get('DB_QUERY_TIMEOUT_MS', { infer: true }),
  };
}
