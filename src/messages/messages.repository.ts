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

  /** Oldest first by the monotonic id; reads one row more than asked to tell if more exist. */
  async page(
    recipient: string,
    messageBoxId: number,
    limit: number,
    after?: number,
  ): Promise<ListedMessage[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: number | string;
        messageId: string;
        body: string;
        sender: string;
        created_at: unknown;
      }>
    >(
      `SELECT id, messageId, body, sender, created_at FROM messages WHERE recipient = ? AND messageBoxId = ?${
        after !== undefined ? ' AND id > ?' : ''
      } ORDER BY id LIMIT ?`,
      after !== undefined
        ? [recipient, messageBoxId, after, limit + 1]
        : [recipient, messageBoxId, limit + 1],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      messageId: r.messageId,
      body: r.body,
      sender: r.sender,
      createdAt: this.dialect.iso(r.created_at),
      // Messages are never updated after they are stored.
      updatedAt: this.dialect.iso(r.created_at),
    }));
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
