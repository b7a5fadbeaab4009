import { createThrowawayDatabase, mariadbMissing } from './mariadb';

export interface DatabaseTarget {
  name: string;
  /** Why this database is not available here (the suite is then reported skipped). */
  missing(): string | undefined;
  /** Environment overrides for the app, and how to remove the database afterwards. */
  setup(): Promise<{ env: Record<string, string>; teardown: () => Promise<void> }>;
}

/** The two databases every API suite runs on: in-memory SQLite and a throw-away MariaDB database. */
export const DATABASE_TARGETS: DatabaseTarget[] = [
  {
    name: 'SQLite',
    missing: () => undefined,
    setup: () =>
      Promise.resolve({
        env: { DB_DRIVER: 'sqlite3', DB_SOURCE: ':memory:' },
        teardown: () => Promise.resolve(),
      }),
  },
  {
    name: 'MariaDB',
    missing: mariadbMissing,
    setup: async () => {
      const db = await createThrowawayDatabase();
      return { env: { DB_DRIVER: 'mysql', DB_SOURCE: db.url }, teardown: () => db.drop() };
    },
  },
];

/**
 * One suite per database target (`$name` in the title is replaced); a target not available here
 * is declared with describe.skip and its reason, so Jest reports its tests as skipped.
 */
export function describeEachDatabase(title: string, fn: (target: DatabaseTarget) => void): void {
  for (const target of DATABASE_TARGETS) {
    const name = title.replace('$name', target.name);
    const reason = target.missing();
    if (reason) describe.skip(`${name} [skipped: ${reason}]`, () => fn(target));
    else describe(name, () => fn(target));
  }
}

/** One suite on the named target only (e.g. a MariaDB-specific limit), skipped with its reason. */
export function describeOnDatabase(
  targetName: string,
  title: string,
  fn: (target: DatabaseTarget) => void,
): void {
  const target = DATABASE_TARGETS.find((t) => t.name === targetName);
  if (!target) throw new Error(`No database target named ${targetName}`);
  const name = title.replace('$name', target.name);
  const reason = target.missing();
  if (reason) describe.skip(`${name} [skipped: ${reason}]`, () => fn(target));
  else describe(name, () => fn(target));
}
