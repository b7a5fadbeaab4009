import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

const ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

let reachable: Promise<boolean> | undefined;

/**
 * MariaDB tests run when CI=true (where the service must be up, so a failure to connect fails the
 * suite) or when the server answers locally; otherwise they are skipped with a visible note.
 */
export function mariadbEnabled(): Promise<boolean> {
  reachable ??= (async () => {
    if (process.env.CI === 'true') return true;
    try {
      const conn = await createConnection({ uri: ADMIN_URL, connectTimeout: 1000 });
      await conn.end();
      return true;
    } catch {
      process.stdout.write('MariaDB not reachable at 127.0.0.1:3306: MariaDB tests skipped\n');
      return false;
    }
  })();
  return reachable;
}

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file, dropped afterwards. */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const name = `mb_test_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ uri: ADMIN_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const conn = await createConnection({ uri: ADMIN_URL });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
