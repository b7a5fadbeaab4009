import { DataSource } from 'typeorm';

type Callback = (error: { code?: string } | null, ...rest: unknown[]) => void;
interface PooledConnection {
  query(...args: unknown[]): unknown;
  destroy(): void;
}

const GUARDED = Symbol('dropsOnTimeout');

/**
 * mysql2 answers a timed-out query with an error but leaves the query running on its connection,
 * which then goes back to the pool: every later query on it would queue behind the stuck one,
 * with no timeout of its own (the timer starts only when a query starts). Such a connection is
 * destroyed on the spot instead; the pool opens a fresh one (bounded by the connect timeout).
 */
function dropOnTimeout(connection: PooledConnection & { [GUARDED]?: true }): void {
  if (connection[GUARDED]) return;
  connection[GUARDED] = true;
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = ((error, ...rest) => {
        if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
        (callback as Callback)(error, ...rest);
      }) satisfies Callback;
    }
    return query(...args);
  };
}

/**
 * Every MySQL query gets a timeout, so a frozen or unreachable server turns requests into 503s
 * instead of hanging them. TypeORM reads these driver options on each query; they are set only
 * once migrations are done (a migration, or the wait for the migration lock, may take longer).
 */
export function enableQueryTimeout(ds: DataSource): void {
  if (ds.options.type !== 'mysql' && ds.options.type !== 'mariadb') return;
  if (!(ds.options as { maxQueryExecutionTime?: number }).maxQueryExecutionTime) return;
  const driver = ds.driver as unknown as {
    options: { enableQueryTimeout?: boolean };
    prepareDbConnection(connection: PooledConnection): PooledConnection;
  };
  driver.options.enableQueryTimeout = true;
  const prepare = driver.prepareDbConnection.bind(driver);
  driver.prepareDbConnection = (connection) => {
    dropOnTimeout(connection);
    return prepare(connection);
  };
}
