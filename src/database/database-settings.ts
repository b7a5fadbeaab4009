import { DatabaseConfig } from '../config/configuration';

/** What the persistence layer needs from the configuration: the `database` namespace. */
export type DatabaseSettings = DatabaseConfig;
