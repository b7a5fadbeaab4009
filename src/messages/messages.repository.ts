import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, MoreThan, Repository } from 'typeorm';
import { MessageBoxEntity } from './message-box.entity';
import { MessageEntity } from './message.entity';

export interface NewMessage {
  messageId: string;
  sender: string;
  recipient: string;
  body: string;
}

/** Keeps one multi-row INSERT well under MySQL's default 16 MB max_allowed_packet. */
const INSERT_BATCH_BYTES = 4 * 1024 * 1024;

/** The only place that builds queries on messages and messageBox. */
@Injectable()
export class MessagesRepository {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageBoxEntity) private readonly boxes: Repository<MessageBoxEntity>,
  ) {}

  /**
   * Stores one send inside the caller's transaction: boxes are created race-free (insert-ignore,
   * then read back), messages are inserted with ignore-on-duplicate so a resend with the same
   * id is a no-op. Returns the rows that are new, for the message.created events.
   */
  async store(
    manager: EntityManager,
    messageBox: string,
    rows: NewMessage[],
    at: Date,
  ): Promise<MessageEntity[]> {
    const recipients = [...new Set(rows.map((r) => r.recipient))];
    await manager
      .createQueryBuilder()
      .insert()
      .into(MessageBoxEntity)
      .values(
        recipients.map((identityKey) => ({
          type: messageBox,
          identityKey,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .orIgnore()
      .execute();
    const boxes = await manager.find(MessageBoxEntity, {
      select: { messageBoxId: true, identityKey: true },
      where: { type: messageBox, identityKey: In(recipients) },
    });
    const boxIdOf = new Map(boxes.map((b) => [b.identityKey, b.messageBoxId]));

    const existing = await manager.find(MessageEntity, {
      select: { recipient: true, messageId: true },
      where: {
        recipient: In(recipients),
        messageId: In([...new Set(rows.map((r) => r.messageId))]),
      },
    });
    const seen = new Set(existing.map((e) => `${e.recipient}\n${e.messageId}`));
    const fresh: MessageEntity[] = [];
    for (const row of rows) {
      const key = `${row.recipient}\n${row.messageId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(
        manager.create(MessageEntity, {
          ...row,
          messageBoxId: boxIdOf.get(row.recipient)!,
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    for (const batch of byteBatches(fresh)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(MessageEntity)
        .values(batch)
        .orIgnore()
        .execute();
    }
    return fresh;
  }

  findBoxId(identityKey: string, messageBox: string): Promise<MessageBoxEntity | null> {
    return this.boxes.findOne({
      select: { messageBoxId: true },
      where: { identityKey, type: messageBox },
    });
  }

  /** Oldest first by the monotonic id; reads one row more than asked to tell if more exist. */
  page(
    recipient: string,
    messageBoxId: number,
    limit: number,
    after?: number,
  ): Promise<MessageEntity[]> {
    return this.messages.find({
      select: {
        id: true,
        messageId: true,
        body: true,
        sender: true,
        createdAt: true,
        updatedAt: true,
      },
      where: { recipient, messageBoxId, ...(after !== undefined ? { id: MoreThan(after) } : {}) },
      order: { id: 'ASC' },
      take: limit + 1,
    });
  }

  /** Deletes only the caller's own received messages; returns how many went. */
  async deleteReceived(
    manager: EntityManager,
    recipient: string,
    messageIds: string[],
  ): Promise<number> {
    const result = await manager.delete(MessageEntity, { recipient, messageId: In(messageIds) });
    return result.affected ?? 0;
  }
}

function* byteBatches(rows: MessageEntity[]): Generator<MessageEntity[]> {
  let batch: MessageEntity[] = [];
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
