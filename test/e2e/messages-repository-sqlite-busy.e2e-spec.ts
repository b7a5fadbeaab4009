import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../../src/config/configuration';
import { openDataSource } from '../../src/database/open-data-source';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { MessagesRepository, NewMessage } from '../../src/messages/messages.repository';
import { PaymentLedger } from '../../src/payments/payment-ledger';
import { testEnvironment } from '../helpers/test-environment';

const exec = (db: Database, sql: string) =>
  new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));

/**
 * The send INSERT ... RETURNING goes to sqlite3 directly (TypeORM's runner would drop its rows);
 * it must still wait out another connection's write lock (an `admin` command on the same file)
 * as TypeORM's own statements do, instead of failing the send.
 */
describe('MessagesRepository on a SQLite file another connection is writing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mb-busy-'));
  const file = join(dir, 'messages.sqlite');
  let ds!: DataSource;
  let other!: Database;

  beforeAll(async () => {
    ds = await openDataSource(
      buildDataSourceOptions(
        new DatabaseConfig(testEnvironment({ DB_DRIVER: 'sqlite3', DB_SOURCE: file })),
      ),
    );
    other = new Database(file);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => other.close(() => resolve()));
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a send once the other connection commits', async () => {
    const repository = new MessagesRepository(ds, new TransactionRunner(ds), new PaymentLedger());
    const row = (messageId: string): NewMessage => ({
      messageId,
      sender: `02${'a'.repeat(64)}`,
      recipient: `02${'b'.repeat(64)}`,
      body: 'hello',
    });
    // The box exists and is cached: the next send is the INSERT ... RETURNING alone.
    await repository.storeSend({ messageBox: 'inbox', rows: [row('first')], at: new Date() });

    const driver = (ds.driver as unknown as { databaseConnection: Database }).databaseConnection;
    // sqlite3 itself waits up to its busy timeout (1 s) before answering SQLITE_BUSY: the second
    // attempt of the statement is the retry this test is about.
    let attempts = 0;
    const retried = new Promise<void>((resolve) =>
      driver.on('trace', (sql) => {
        if (sql.includes('RETURNING') && ++attempts === 2) resolve();
      }),
    );
    await exec(other, 'BEGIN IMMEDIATE');
    const stored = repository.storeSend({
      messageBox: 'inbox',
      rows: [row('second')],
      at: new Date(),
    });
    // Without the retry the send fails instead, and so does this wait.
    await Promise.race([retried, stored]);
    await exec(other, 'COMMIT');
    expect((await stored).map((r) => r.messageId)).toEqual(['second']);
  });
});
