import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Received delivery fees double as a durable outbox for the server's wallet: each row records
 * whether its output was internalized, how often that was tried and when to try next. Rows from
 * before this migration start as pending.
 */
export class FeeOutbox1764160000002 implements MigrationInterface {
  name = 'FeeOutbox1764160000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('delivery_payments', [
      new TableColumn({ name: 'status', type: 'varchar', length: '16', default: "'pending'" }),
      new TableColumn({ name: 'attempts', type: 'integer', default: 0 }),
      new TableColumn({
        name: 'next_attempt_at',
        type: 'datetime',
        precision: 3,
        isNullable: true,
      }),
      new TableColumn({ name: 'last_error', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({
        name: 'internalized_at',
        type: 'datetime',
        precision: 3,
        isNullable: true,
      }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['internalized_at', 'last_error', 'next_attempt_at', 'attempts', 'status'])
      await queryRunner.dropColumn('delivery_payments', column);
  }
}
