import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { DbDriver, EnvironmentVariables } from '../config/environment-variables';
import { configurationOf } from '../config/configuration';
import { openDataSource } from '../database/open-data-source';
import { TransactionRunner } from '../database/transaction-runner';
import { DeviceRegistrationEntity } from '../devices/device-registration.entity';
import { DevicesRepository } from '../devices/devices.repository';
import { MessagesRepository } from '../messages/messages.repository';
import { PaymentLedger } from '../payments/payment-ledger';
import { buildDataSourceOptions } from '../database/typeorm-options';

/** A failure the operator can fix (no database here, ...): one line, exit status 1. */
export class AdminFailure extends Error {}

/**
 * The server's database, opened exactly as the server opens it (migrations included), except
 * that a missing SQLite file is an error: sqlite3 would silently create an empty database, and
 * an admin command run from the wrong directory would then report zeros and set fees nobody reads.
 */
export async function openAdminDatabase(env: EnvironmentVariables): Promise<DataSource> {
  if (env.DB_DRIVER === DbDriver.Sqlite && env.DB_SOURCE !== ':memory:') {
    const file = resolve(env.DB_SOURCE);
    if (!existsSync(file)) {
      throw new AdminFailure(
        `No SQLite database at ${file} (DB_SOURCE=${env.DB_SOURCE}, relative to ${process.cwd()}). ` +
          'Run the command in the directory the server runs in, or set DB_SOURCE to its database file.',
      );
    }
  }
  return openDataSource(buildDataSourceOptions(configurationOf(env).database));
}

/** The server's own repositories, outside Nest: the admin commands read and write through them. */
export function adminRepositories(ds: DataSource) {
  const transactions = new TransactionRunner(ds);
  return {
    messages: new MessagesRepository(ds, transactions, new PaymentLedger()),
    devices: new DevicesRepository(ds.getRepository(DeviceRegistrationEntity), transactions),
  };
}
