import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { BOX_WIDE_SENDER, MessagePermissionEntity } from './message-permission.entity';

export interface PermissionListQuery {
  recipient: string;
  messageBox?: string;
  limit: number;
  offset: number;
  createdAtOrder: 'ASC' | 'DESC';
}

/** The only place that builds queries on message_permissions (TypeORM's API, no hand-written SQL). */
@Injectable()
export class PermissionsRepository {
  constructor(
    @InjectRepository(MessagePermissionEntity)
    private readonly permissions: Repository<MessagePermissionEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Insert or update the rule on its unique key; box-wide rules use the '' sender sentinel. */
  async setRule(recipient: string, messageBox: string, sender: string, fee: number): Promise<void> {
    const now = new Date();
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(MessagePermissionEntity)
        .values({
          recipient,
          messageBox,
          sender,
          recipientFee: fee,
          createdAt: now,
          updatedAt: now,
        })
        .orUpdate(['recipient_fee', 'updated_at'], ['recipient', 'message_box', 'sender'])
        .execute(),
    );
  }

  findExact(
    recipient: string,
    messageBox: string,
    sender: string,
  ): Promise<MessagePermissionEntity | null> {
    return this.permissions.findOne({ where: { recipient, messageBox, sender } });
  }

  /**
   * Every rule that can apply when `sender` writes to `box` of any of `recipients`: the
   * sender-specific rows and the box-wide rows, in one query (no N+1).
   */
  rulesFor(
    sender: string,
    messageBox: string,
    recipients: string[],
  ): Promise<MessagePermissionEntity[]> {
    return this.permissions.find({
      select: { recipient: true, sender: true, recipientFee: true },
      where: { messageBox, recipient: In(recipients), sender: In([sender, BOX_WIDE_SENDER]) },
    });
  }

  async list(q: PermissionListQuery): Promise<{ rows: MessagePermissionEntity[]; total: number }> {
    const query = this.permissions
      .createQueryBuilder('p')
      .where('p.recipient = :recipient', { recipient: q.recipient });
    if (q.messageBox !== undefined) query.andWhere('p.messageBox = :box', { box: q.messageBox });
    const [rows, total] = await query
      .orderBy('p.messageBox', 'ASC')
      // Box-wide rules ('' sender) sort first, as the reference server lists NULL senders first.
      .addOrderBy('p.sender', 'ASC')
      .addOrderBy('p.createdAt', q.createdAtOrder)
      .addOrderBy('p.id', q.createdAtOrder)
      .skip(q.offset)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }
}
