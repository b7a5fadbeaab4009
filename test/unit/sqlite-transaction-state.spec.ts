import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';

/**
 * SQLite ends a transaction by itself on some errors (SQLITE_FULL on a full disk; here an
 * `INSERT OR ROLLBACK` conflict, which needs no disk to fill). After that, every write the runner
 * acknowledges must still be committed: visible to another connection to the same file.
 */
describe('TransactionRunner on SQLite after SQLite rolled a transaction back itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-txn-state-'));
  const file = join(dir, 'state.db');
  let ds: DataSource;
  let other: DataSource;
  let runner: TransactionRunner;

  beforeAll(async () => {
    ds = await new DataSource({ type: 'sqlite', database: file }).initialize();
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    other = await new DataSource({ type: 'sqlite', database: file }).initialize();
    runner = new TransactionRunner(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await other?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const committed = async () =>
    (await other.query<Array<{ v: string }>>('SELECT v FROM t ORDER BY id')).map((r) => r.v);

  it('commits every acknowledged write, even after a refused transaction', async () => {
    await runner.single((r) => r.query("INSERT INTO t (id, v) VALUES (1, 'first')"));
    // SQLite rolls this whole transaction back itself, before TypeORM's ROLLBACK.
    await expect(
      runner.run((m) => m.query("INSERT OR ROLLBACK INTO t (id, v) VALUES (1, 'conflict')")),
    ).rejects.toThrow(/SQLITE_CONSTRAINT/);
    // A transaction the application refuses after writing (e.g. a payment found already used).
    await expect(
      runner.run(async (m) => {
        await m.query("INSERT INTO t (id, v) VALUES (2, 'refused')");
        throw new Error('refused by the application');
      }),
    ).rejects.toThrow('refused by the application');
    await runner.single((r) => r.query("INSERT INTO t (id, v) VALUES (3, 'single')"));
    await runner.run((m) => m.query("INSERT INTO t (id, v) VALUES (4, 'transaction')"));

    expect(await committed()).toEqual(['first', 'single', 'transaction']);
  });
});
