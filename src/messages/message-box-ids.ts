import { QueryRunner } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect';
import { MESSAGES_SQL } from './messages.sql';

const CACHE_MAX = 100_000;

/**
 * Box ids by (owner, box name). A box row never changes or goes away once created, so its id is
 * cached for the life of the process, on every instance: a send or list then needs no box query.
 * Private to MessagesRepository.
 */
export class MessageBoxIds {
  private readonly ids = new Map<string, number>();

  constructor(private readonly dialect: SqlDialect) {}

  cached(identityKey: string, box: string): number | undefined {
    return this.ids.get(`${identityKey}\n${box}`);
  }

  /** Box ids when every one is cached, so a send needs no box statement at all. */
  allCached(box: string, owners: string[]): Map<string, number> | undefined {
    const ids = new Map<string, number>();
    for (const owner of owners) {
      const id = this.cached(owner, box);
      if (id === undefined) return undefined;
      ids.set(owner, id);
    }
    return ids;
  }

  /** Ids of the boxes, creating missing ones race-free (insert-ignore, then read back). */
  async ensure(
    runner: QueryRunner,
    box: string,
    owners: string[],
    at: Date,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    const missing = owners.filter((o) => {
      const id = this.cached(o, box);
      if (id !== undefined) result.set(o, id);
      return id === undefined;
    });
    if (missing.length === 0) return result;
    const time = this.dialect.time(at);
    await runner.query(
      MESSAGES_SQL.insertBoxes.sql(this.dialect, missing.length),
      missing.flatMap((o) => [box, o, time, time]),
    );
    const rows = await this.find(runner, box, missing);
    for (const [owner, id] of rows) result.set(owner, id);
    return result;
  }

  /** Looks boxes up without creating them (listing an unknown box must not create it). */
  async find(runner: QueryRunner, box: string, owners: string[]): Promise<Map<string, number>> {
    const rows = (await runner.query(MESSAGES_SQL.findBoxes.sql(this.dialect, owners.length), [
      box,
      ...owners,
    ])) as Array<{ messageBoxId: number; identityKey: string }>;
    const found = new Map<string, number>();
    for (const row of rows) {
      const id = Number(row.messageBoxId);
      found.set(row.identityKey, id);
      if (this.ids.size >= CACHE_MAX) this.ids.delete(this.ids.keys().next().value as string);
      this.ids.set(`${row.identityKey}\n${box}`, id);
    }
    return found;
  }
}
