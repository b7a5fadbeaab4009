/** Where the test services are; override with TEST_MYSQL_URL / TEST_REDIS_URL (see README). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A MySQL/MariaDB admin URL; its database part, if any, is ignored (none needs to exist). */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** The server part of TEST_MYSQL_URL, without a database. */
export function mysqlServerUrl(): string {
  const url = new URL(TEST_MYSQL_URL);
  url.pathname = '/';
  return url.toString();
}

/** host:port of a service URL, for messages (never the credentials). */
export function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? '6379' : '3306')}`;
}
