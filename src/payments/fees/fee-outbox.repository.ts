import { DataSource, In, IsNull, LessThanOrEqual, Repository } from 'typeorm';
import { DeliveryPaymentEntity, FeeStatus } from '../delivery-payment.entity';

/** The delivery_payments rows seen as an outbox of fee outputs for the server's wallet. */
export class FeeOutboxRepository {
  private readonly rows: Repository<DeliveryPaymentEntity>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(DeliveryPaymentEntity);
  }

  /** Pending rows whose next attempt is due, oldest first. */
  due(now: Date, limit: number): Promise<DeliveryPaymentEntity[]> {
    return this.rows.find({
      where: [
        { status: 'pending', nextAttemptAt: IsNull() },
        { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      ],
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /**
   * Takes a row for one attempt by moving its next attempt to `leaseUntil`, only if nobody else
   * did since it was read: with several server instances, each output is tried by one at a time.
   */
  async claim(row: DeliveryPaymentEntity, leaseUntil: Date): Promise<boolean> {
    const result = await this.rows.update(
      {
        id: row.id,
        status: 'pending',
        nextAttemptAt: row.nextAttemptAt === null ? IsNull() : row.nextAttemptAt,
      },
      { nextAttemptAt: leaseUntil },
    );
    return (result.affected ?? 0) === 1;
  }

  async internalized(id: number, at: Date): Promise<void> {
    await this.rows.update(id, { status: 'internalized', internalizedAt: at, lastError: null });
  }

  async attemptFailed(
    id: number,
    attempts: number,
    error: string,
    next: Date | null,
  ): Promise<void> {
    await this.rows.update(id, {
      attempts,
      lastError: error.slice(0, 500),
      status: next === null ? 'failed' : 'pending',
      nextAttemptAt: next,
    });
  }

  list(statuses: FeeStatus[]): Promise<DeliveryPaymentEntity[]> {
    return this.rows.find({ where: { status: In(statuses) }, order: { id: 'ASC' } });
  }

  /** Failed rows back to pending, due now; returns how many. */
  async retryFailed(): Promise<number> {
    const result = await this.rows.update(
      { status: 'failed' },
      { status: 'pending', attempts: 0, nextAttemptAt: null },
    );
    return result.affected ?? 0;
  }
}
