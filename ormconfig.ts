import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from './src/config/load-environment';
import { configurationOf } from './src/config/configuration';
import { buildDataSourceOptions } from './src/database/typeorm-options';

/**
 * DataSource for the TypeORM CLI (`npm run migration:run|revert|generate`), built from the same
 * validated configuration as the server. `migration:generate` output is dialect SQL: treat it as a
 * draft and port it to the QueryRunner API so one migration serves SQLite and MySQL.
 */
const { env } = loadEnvironment();
export default new DataSource({
  ...buildDataSourceOptions(configurationOf(env).database),
  migrationsRun: false,
});
