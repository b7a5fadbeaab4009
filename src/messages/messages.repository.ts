import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, QueryRunner } from 'typeorm';
import { SqlDialect } from '../database/sql-dialect';
import { TransactionRunner } from '../database/transaction-runner';
import { PaidSend, PaymentLedger } from '../payments/payment-ledger';
import { PaymentRecord } from '../payments/payment-verifier';
import { MessageBoxEntity } from './message-box.entity';
import { MessageBoxIds } from './message-box-ids';
import { MessageEntity } from './message.entity';
import { MESSAGES_SQL } from './messages.sql';

export interface NewMessage {
  messageId: string;
  sender: string;
  recipient: string;
  body: string;
}

/** One send to store: its rows (one per recipient), and the payment that paid for it, if any. */
export interface SendToStore {
  messageBox: string;
  rows: NewMessage[];
  at: Date;
  payment?: { record: PaymentRecord; send: PaidSend };
}

export interface ListedMessage {
  id: number;
  messageId: string;
  body: string;
  sender: string;
  createdAt: string;
  updatedAt: string;
}

export interface MessagePage {
  rows: ListedMessage[];
  nextCursor?: number;
}

/** Keeps one multi-row INSERT well under MySQL's default 16 MB max_allowed_packet. */
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * The only owner of `messages` and `messageBox`: each method says what it does for the caller and
 * opens the transaction it needs itself. The hot paths (store, list, acknowledge, storage sizes)
 * run the hand-written statements of messages.sql.ts; purge and statistics use TypeORM's API.
 */
@Injectable()
export class MessagesRepository {
  private readonly dialect: SqlDialect;
  private readonly boxIds: MessageBoxIds;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly ledger: PaymentLedger,
  ) {
    this.dialect = new SqlDialect(dataSource);
    this.boxIds = new MessageBoxIds(this.dialect);
  }

  /**
   * Stores a send, its boxes created when missing; a resend with the same ids is a no-op. Returns
   * the rows really written (for the message.created events). The common case (boxes known, no
   * payment, one INSERT statement) needs no transaction; otherwise the payment record and the rows
   * commit together or not at all, and the identical paid send again writes nothing.
   */
  async storeSend(send: SendToStore): Promise<NewMessage[]> {
    const { messageBox, rows, at, payment } = send;
    const owners = [...new Set(rows.map((r) => r.recipient))];
    const boxIds =
      this.boxIds.allCached(messageBox, owners) ??
      (await this.transactions.single((runner) =>
        this.boxIds.ensure(runner, messageBox, owners, at),
      ));
    if (!payment && this.insertStatements(rows) === 1) {
      return this.transactions.single((runner) => this.insert(runner, boxIds, rows, at));
    }
    return this.transactions.run(async (manager) => {
      if (payment) {
        const outcome = await this.ledger.record(manager, payment.record, payment.send);
        // The identical send was stored when it was paid: answer as then, write nothing.
        if (outcome === 'retry') return [];
      }
      return this.insert(manager.queryRunner!, boxIds, rows, at);
    });
  }

  /**
   * One page of a box, oldest first by the monotonic id, within `limit` rows and `maxBytes` of
   * bodies: the sizes are read first (from the index and the record headers, no bodies), then only
   * the bodies that fit are loaded. A page always holds its first message, however large, so a
   * body above the budget can still be read alone; it is never more than one body over the budget.
   * An unknown box is an empty page (and is not created).
   */
  async list(
    recipient: string,
    messageBox: string,
    limit: number,
    maxBytes: number,
    after?: number,
  ): Promise<MessagePage> {
    const boxId = await this.findBoxId(recipient, messageBox);
    if (boxId === undefined) return { rows: [] };
    const sizes = await this.dataSource.query<Array<{ id: number | string; bytes: unknown }>>(
      after !== undefined
        ? MESSAGES_SQL.pageSizesAfter.sql(this.dialect, 0)
        : MESSAGES_SQL.pageSizes.sql(this.dialect, 0),
      after !== undefined ? [recipient, boxId, after, limit + 1] : [recipient, boxId, limit + 1],
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
    >(MESSAGES_SQL.pageBodies.sql(this.dialect, ids.length), [recipient, ...ids]);
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
    const rows = await this.dataSource.query<
      Array<{ recipient: string; total: unknown; fromSender: unknown }>
    >(MESSAGES_SQL.storedBytes.sql(this.dialect, recipients.length), [sender, ...recipients]);
    return new Map(
      rows.map((r) => [r.recipient, { total: Number(r.total), fromSender: Number(r.fromSender) }]),
    );
  }

  /** Deletes only the caller's own received messages; returns how many went. */
  acknowledge(recipient: string, messageIds: string[]): Promise<number> {
    return this.transactions.single(async (runner) => {
      const result = await runner.query(
        MESSAGES_SQL.deleteReceived.sql(this.dialect, messageIds.length),
        [recipient, ...messageIds],
        true,
      );
      return result.affected ?? 0;
    });
  }

  /** Deletes every message stored before `cutoff` (retention, `admin purge`); returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number> {
    return this.transactions.run(async (manager) => {
      const result = await manager.delete(MessageEntity, { createdAt: LessThan(cutoff) });
      return result.affected ?? 0;
    });
  }

  /** Messages waiting per box name, by name (`admin stats`). */
  async statistics(): Promise<Array<{ messageBox: string; messages: number }>> {
    const rows = await this.dataSource
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .innerJoin(MessageBoxEntity, 'b', 'b.messageBoxId = m.messageBoxId')
      .select('b.type', 'messageBox')
      .addSelect('COUNT(*)', 'messages')
      .groupBy('b.type')
      .orderBy('b.type', 'ASC')
      .getRawMany<{ messageBox: string; messages: string | number }>();
    return rows.map((r) => ({ messageBox: r.messageBox, messages: Number(r.messages) }));
  }

  /** The id of an existing box, without creating it (listing an unknown box must not). */
  private async findBoxId(identityKey: string, messageBox: string): Promise<number | undefined> {
    const cached = this.boxIds.cached(identityKey, messageBox);
    if (cached !== undefined) return cached;
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await this.boxIds.find(runner, messageBox, [identityKey])).get(identityKey);
    } finally {
      await runner.release();
    }
  }

  /** How many statements inserting these rows takes (1 means it is atomic by itself). */
  private insertStatements(rows: NewMessage[]): number {
    return this.dialect.insertReturning ? [...byteBatches(rows)].length : rows.length;
  }

  /** Inserts with ignore-on-duplicate and returns the rows that were really written. */
  private async insert(
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
        const written = await this.dialect.queryRows<{ recipient: string; messageId: string }>(
          runner,
          MESSAGES_SQL.insertMessagesReturning.sql(this.dialect, batch.length),
          batch.flatMap(params),
        );
        const keys = new Set(written.map((w) => `${w.recipient}\n${w.messageId}`));
        fresh.push(...batch.filter((r) => keys.delete(`${r.recipient}\n${r.messageId}`)));
      }
      return fresh;
    }
    for (const row of rows) {
      const result = await runner.query(
        MESSAGES_SQL.insertMessage.sql(this.dialect, 1),
        params(row),
        true,
      );
      if ((result.affected ?? 0) > 0) fresh.push(row);
    }
    return fresh;
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
