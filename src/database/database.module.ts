import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseConfig, LimitsConfig } from '../config/configuration';
import { BodyLimit, bodyLimitFor } from './body-limit';
import { TransactionRunner } from './transaction-runner';
import { openDataSource } from './open-data-source';
import { buildDataSourceOptions } from './typeorm-options';

/**
 * The DataSource (migrated at start-up) and the TransactionRunner every write goes through.
 * Global on purpose: true infrastructure that every persistence module needs, like configuration;
 * importing it everywhere would say nothing a reader does not already assume.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (database: DatabaseConfig) => ({
        ...buildDataSourceOptions(database),
        // Fail fast with a clear message rather than retrying for half a minute.
        retryAttempts: 1,
        retryDelay: 1000,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('TypeORM options missing');
        return openDataSource(options);
      },
    }),
  ],
  providers: [
    TransactionRunner,
    {
      provide: BodyLimit,
      inject: [DataSource, LimitsConfig],
      useFactory: (dataSource: DataSource, limits: LimitsConfig) =>
        bodyLimitFor(dataSource, limits.maxBodyBytes),
    },
  ],
  exports: [TransactionRunner, BodyLimit],
})
export class DatabaseModule {}
