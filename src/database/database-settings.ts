import { ConfigService } from '@nestjs/config';
import { DbDriver, EnvironmentVariables } from '../config/environment-variables';

/** What the persistence layer needs from the configuration. */
export interface DatabaseSettings {
  driver: DbDriver;
  /** SQLite file path (or ":memory:"), or a mysql:// URL. */
  source: string;
  maxConnections: number;
  runMigrations: boolean;
}

export function databaseSettingsFrom(env: EnvironmentVariables): DatabaseSettings {
  return {
    driver: env.DB_DRIVER,
    source: env.DB_SOURCE,
    maxConnections: env.DB_MAX_CONNECTIONS,
    runMigrations: !env.DB_SKIP_MIGRATIONS,
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
  };
}
