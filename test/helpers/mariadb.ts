import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { MARIADB_SKIP_ENV } from './service-availability';
import { mysqlServerUrl } from './service-urls';

/** Why MariaDB tests cannot run here (set by the e2e globalSetup), or undefined when they can. */
export function mariadbMissing(): string | undefined {
  return process.env[MARIADB_SKIP_ENV] || undefined;
}

/** `describe` when MariaDB answers; otherwise the suite is reported skipped, with the reason. */
export function describeWithMariadb(name: string, fn: () => void): void {
  const reason = mariadbMissing();
  if (reason) describe.skip(`${name} [skipped: ${reason}]`, fn);
  else describe(name, fn);
}

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, dropped afterwards (no database needs to exist). */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const name = `mb_test_${randomBytes(6).toString('hex')}`;
  const serverUrl = mysqlServerUrl();
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const conn = await createConnection({ uri: serverUrl });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
