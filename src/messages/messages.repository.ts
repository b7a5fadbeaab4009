import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect';
import { MessageBoxIds } from './message-box-ids';

export interface NewMessage {
  messageId: string;
  sender: string;
  recipient: string;
  body: string;
}

export interface ListedMessage {
  id: number;
  messageId: string;
  body: string;
  sender: string;
  createdAt: string;
  updatedAt: string;
}

/** Keeps one multi-row INSERT well under MySQL's default 16 MB max_allowed_packet. */
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;
const COLUMNS = '(messageId, messageBoxId, sender, recipient, body, created_at, updated_at)';
const ROW = '(?, ?, ?, ?, ?, ?, ?)';

/**
 * The only place that builds queries on messages and messageBox. The send, list and acknowledge
 * paths are hand-written SQL: they run on every request, and TypeORM's query building and entity
 * hydration cost more CPU than the statements themselves.
 */
@Injectable()
export class MessagesRepository {
  private readonly dialect: SqlDialect;
  readonly boxIds: MessageBoxIds;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = new SqlDialect(dataSource);
    this.boxIds = new MessageBoxIds(this.dialect);
  }

  /** The id of an existing box, without creating it (listing an unknown box must not). */
  async findBoxId(identityKey: string, messageBox: string): Promise<number | undefined> {
    const cached = this.boxIds.cached(identityKey, messageBox);
    if (cached !== undefined) return cached;
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await this.boxIds.find(runner, messageBox, [identityKey])).get(identityKey);
    } finally {
      await runner.release();
    }
  }

  /** Box ids when every one is cached, so a send needs no box statement at all. */
  cachedBoxIds(messageBox: string, owners: string[]): Map<string, number> | undefined {
    const ids = new Map<string, number>();
    for (const owner of owners) {
      const id = this.boxIds.cached(owner, messageBox);
      if (id === undefined) return undefined;
      ids.set(owner, id);
    }
    return ids;
  }

  /** How many statements inserting these rows takes (1 means it is atomic by itself). */
  insertStatements(rows: NewMessage[]): number {
    return this.dialect.insertReturning ? [...byteBatches(rows)].length : rows.length;
  }

  /**
   * Inserts with ignore-on-duplicate (a resend with the same id is a no-op) and returns the rows
   * that were really written, for the message.created events.
   */
  async insert(
    runner: QueryRunner,
    boxIds: Map<string, number>,
    rows: NewMessage[],
    at: Date,
  ): Promise<NewMessage[]> {
    const time = this.dialect.time(at);
    const params = (r: NewMessage) => [
      r.messageId,
      boxIds.get(r.recipient),
      r.sender,
      r.recipient,
      r.body,
      time,
      time,
    ];
    const fresh: NewMessage[] = [];
    if (this.dialect.insertReturning) {
      for (const batch of byteBatches(rows)) {
        // The leading comment makes TypeORM's SQLite runner fetch rows (it only "runs" statements
        // starting with INSERT), so RETURNING reports exactly the rows written.
        const written = (await runner.query(
          `/* returning */ ${this.dialect.insertIgnore} messages ${COLUMNS} VALUES ${this.dialect.placeholders(batch.length, ROW)} RETURNING recipient, messageId`,
          batch.flatMap(params),
        )) as Array<{ recipient: string; messageId: string }>;
        const keys = new Set(written.map((w) => `${w.recipient}\n${w.messageId}`));
        fresh.push(...batch.filter((r) => keys.delete(`${r.recipient}\n${r.messageId}`)));
      }
      return fresh;
    }
    for (const row of rows) {
      const result = await runner.query(
        `${this.dialect.insertIgnore} messages ${COLUMNS} VALUES ${ROW}`,
        params(row),
        true,
      );
      if ((result.affected ?? 0) > 0) fresh.push(row);
    }
    return fresh;
  }

  /**
   * One page, oldest first by the monotonic id, within `limit` rows and `maxBytes` of bodies: the
   * sizes are read first (from the index and the record headers, no bodies), then only the bodies
   * that fit are loaded. A page always holds its first message, however large, so a body above
   * the budget can still be read alone; it is never more than one body over the budget.
   */
  async page(
    recipient: string,
    messageBoxId: number,
    limit: number,
    maxBytes: number,
    after?: number,
  ): Promise<{ rows: ListedMessage[]; nextCursor?: number }> {
    const sizes = await this.dataSource.query<Array<{ id: number | string; bytes: unknown }>>(
      `SELECT id, ${this.dialect.byteLength('body')} AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ?${
        after !== undefined ? ' AND id > ?' : ''
      } ORDER BY id LIMIT ?`,
      after !== undefined
        ? [recipient, messageBoxId, after, limit + 1]
        : [recipient, messageBoxId, limit + 1],
    );
    const ids: number[] = [];
    let total = 0;
    for (const row of sizes.slice(0, limit)) {
      const bytes = Number(row.bytes ?? 0);
      if (ids.length > 0 && total + bytes > maxBytes) break;
      ids.push(Number(row.id));
      total += bytes;
    }
    if (ids.length === 0) return { rows: [] };
    const rows = await this.dataSource.query<
      Array<{
        id: number | string;
        messageId: string;
        body: string;
        sender: string;
        created_at: unknown;
      }>
    >(
      `SELECT id, messageId, body, sender, created_at FROM messages WHERE recipient = ? AND id IN (${this.dialect.placeholders(ids.length)}) ORDER BY id`,
      [recipient, ...ids],
    );
    return {
      rows: rows.map((r) => ({
        id: Number(r.id),
        messageId: r.messageId,
        body: r.body,
        sender: r.sender,
        createdAt: this.dialect.iso(r.created_at),
        // Messages are never updated after they are stored.
        updatedAt: this.dialect.iso(r.created_at),
      })),
      // From the sizes read, not the rows: a row acknowledged in between must not end paging.
      nextCursor: sizes.length > ids.length ? ids[ids.length - 1] : undefined,
    };
  }

  /**
   * Bytes already stored for each recipient, in total and from `sender`: sizes only, read from
   * the listing index and the record headers, never the bodies themselves.
   */
  async storedBytes(
    sender: string,
    recipients: string[],
  ): Promise<Map<string, { total: number; fromSender: number }>> {
    const len = this.dialect.byteLength('body');
    const rows = await this.dataSource.query<
      Array<{ recipient: string; total: unknown; fromSender: unknown }>
    >(
      `SELECT recipient, COALESCE(SUM(${len}), 0) AS total, COALESCE(SUM(CASE WHEN sender = ? THEN ${len} ELSE 0 END), 0) AS fromSender FROM messages WHERE recipient IN (${this.dialect.placeholders(recipients.length)}) GROUP BY recipient`,
      [sender, ...recipients],
    );
    return new Map(
      rows.map((r) => [r.recipient, { total: Number(r.total), fromSender: Number(r.fromSender) }]),
    );
  }

  /** Deletes only the caller's own received messages; returns how many went. */
  async deleteReceived(
    runner: QueryRunner,
    recipient: string,
    messageIds: string[],
  ): Promise<number> {
    const result = await runner.query(
      `DELETE FROM messages WHERE recipient = ? AND messageId IN (${this.dialect.placeholders(messageIds.length)})`,
      [recipient, ...messageIds],
      true,
    );
    return result.affected ?? 0;
  }
}

function* byteBatches(rows: NewMessage[]): Generator<NewMessage[]> {
  let batch: NewMessage[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (batch.length > 0 && bytes + row.body.length > INSERT_BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += row.body.length;
  }
  if (batch.length > 0) yield batch;
}
