import { createThrowawayDatabase, mariadbEnabled } from './mariadb';

export interface DatabaseTarget {
  name: string;
  /** Environment overrides for the app, or undefined when the database is unavailable here. */
  setup(): Promise<{ env: Record<string, string>; teardown: () => Promise<void> } | undefined>;
}

/** The two databases every API suite runs on: in-memory SQLite and a throw-away MariaDB database. */
export const DATABASE_TARGETS: DatabaseTarget[] = [
  {
    name: 'SQLite',
    setup: () =>
      Promise.resolve({
        env: { DB_DRIVER: 'sqlite3', DB_SOURCE: ':memory:' },
        teardown: () => Promise.resolve(),
      }),
  },
  {
    name: 'MariaDB',
    setup: async () => {
      if (!(await mariadbEnabled())) return undefined;
      const db = await createThrowawayDatabase();
      return { env: { DB_DRIVER: 'mysql', DB_SOURCE: db.url }, teardown: () => db.drop() };
    },
  },
];
