import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan } from 'typeorm';
import { MessageEntity } from '../messages/message.entity';

/** Deletes stored messages nobody acknowledged; used by the scheduled purge and `admin purge`. */
@Injectable()
export class MessageRetentionRepository {
  async deleteOlderThan(manager: EntityManager, cutoff: Date): Promise<number> {
    const result = await manager.delete(MessageEntity, { createdAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
