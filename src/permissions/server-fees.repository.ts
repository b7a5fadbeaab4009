import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ServerFeeEntity } from './server-fee.entity';

@Injectable()
export class ServerFeesRepository {
  constructor(
    @InjectRepository(ServerFeeEntity) private readonly fees: Repository<ServerFeeEntity>,
  ) {}

  async all(): Promise<Map<string, number>> {
    const rows = await this.fees.find();
    return new Map(rows.map((r) => [r.messageBox, r.deliveryFee]));
  }

  /** Sets the fee of a box, or (with `overwrite` false) only creates it when absent. */
  async put(messageBox: string, deliveryFee: number, overwrite: boolean): Promise<void> {
    const now = new Date();
    const insert = this.fees
      .createQueryBuilder()
      .insert()
      .values({ messageBox, deliveryFee, createdAt: now, updatedAt: now });
    if (overwrite) await insert.orUpdate(['delivery_fee', 'updated_at'], ['message_box']).execute();
    else await insert.orIgnore().execute();
  }
}
