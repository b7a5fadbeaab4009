import { DataSource } from 'typeorm';
import { DbDriver } from '../../src/config/environment-variables';
import { openDataSource } from '../../src/database/open-data-source';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { createThrowawayDatabase, mariadbMissing, ThrowawayDatabase } from '../helpers/mariadb';

const TABLES = [
  'delivery_payments',
  'device_registrations',
  'messageBox',
  'message_permissions',
  'messages',
  'payment_inputs',
  'payment_outpoints',
  'server_fees',
];

async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

/** Our tables that exist in this database (hasTable looks only at the connected database). */
async function tableNames(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  try {
    const present = await Promise.all(TABLES.map((name) => runner.hasTable(name)));
    return TABLES.filter((_, i) => present[i]);
  } finally {
    await runner.release();
  }
}

/** The same checks, once per dialect: migrations yield exactly the schema the entities describe. */
function describeSchema(
  name: string,
  connect: () => Promise<{ source: string; drop?: () => Promise<void> }>,
  driver: DbDriver,
) {
  const missing = driver === DbDriver.Mysql ? mariadbMissing() : undefined;
  const title = `migrations on ${name}`;
  (missing ? describe.skip : describe)(missing ? `${title} [skipped: ${missing}]` : title, () => {
    let ds: DataSource;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const target = await connect();
      cleanup = target.drop;
      ds = await openDataSource(
        buildDataSourceOptions({
          driver,
          source: target.source,
          maxConnections: 4,
          runMigrations: true,
        }),
      );
    });

    afterAll(async () => {
      if (ds?.isInitialized) await ds.destroy();
      await cleanup?.();
    });

    it('creates every table and leaves no difference from the entities', async () => {
      expect((await tableNames(ds)).sort()).toEqual([...TABLES].sort());
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    });

    it('records each migration once and is a no-op when run again', async () => {
      expect(await ds.runMigrations()).toEqual([]);
      const applied = await ds.query('SELECT name FROM typeorm_migrations');
      expect((applied as Array<{ name: string }>).map((r) => r.name)).toEqual(
        MIGRATIONS.map((m) => m.name),
      );
    });

    it('reverts cleanly and migrates up again', async () => {
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      expect(await tableNames(ds)).toEqual([]);
      await ds.runMigrations();
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    });
  });
}

describeSchema('SQLite', () => Promise.resolve({ source: ':memory:' }), DbDriver.Sqlite);

let mariadb: ThrowawayDatabase | undefined;
describeSchema(
  'MariaDB',
  async () => {
    mariadb = await createThrowawayDatabase();
    return { source: mariadb.url, drop: () => mariadb!.drop() };
  },
  DbDriver.Mysql,
);
