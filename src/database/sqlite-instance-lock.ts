import type { Database } from 'sqlite3';

export class SqliteLockedError extends Error {}

/**
 * One server process per SQLite file: live delivery and the write queue are per process, so a
 * second server on the same file would lose deliveries silently. The lock is an exclusive SQLite
 * transaction held on a companion file for the life of the process: the operating system drops it
 * when the process dies, however it dies, so a crash never leaves a stale lock behind. The admin
 * CLI does not take it and may run next to the server.
 */
export async function lockSqliteFile(databaseFile: string): Promise<Database> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as typeof import('sqlite3');
  const lockFile = `${databaseFile}.instance-lock`;
  const db = await new Promise<Database>((resolve, reject) => {
    const opened: Database = new sqlite3.Database(lockFile, (error) =>
      error ? reject(error) : resolve(opened),
    );
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) =>
      db.exec(sql, (error) => (error ? reject(error) : resolve())),
    );
  try {
    await exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;');
  } catch (error) {
    db.close();
    const busy = /SQLITE_BUSY|SQLITE_LOCKED/.test(String(error));
    if (!busy) throw error;
    throw new SqliteLockedError(
      `Another MessageBox server is already running on the SQLite database ${databaseFile} ` +
        `(lock: ${lockFile}). One process per SQLite file: stop the other one, or use ` +
        'DB_DRIVER=mysql to run several instances.',
    );
  }
  return db;
}
