import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { longTextType } from '../dialect-column-types';

/** Payment replay protection and the record of received delivery fees (issue: payments). */
export class Payments1764150000000 implements MigrationInterface {
  name = 'Payments1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.options.type;
    await queryRunner.createTable(
      new Table({
        name: 'payment_outpoints',
        columns: [
          { name: 'txid', type: 'varchar', length: '64', isPrimary: true },
          { name: 'vout', type: 'integer', isPrimary: true },
          { name: 'sender', type: 'varchar', length: '66' },
          { name: 'paid_for', type: 'varchar', length: '330' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'delivery_payments',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'txid', type: 'varchar', length: '64' },
          { name: 'vout', type: 'integer' },
          { name: 'satoshis', type: 'bigint' },
          { name: 'message_box', type: 'varchar', length: '255' },
          { name: 'sender', type: 'varchar', length: '66' },
          { name: 'sender_identity_key', type: 'varchar', length: '66' },
          { name: 'derivation_prefix', type: 'varchar', length: '255' },
          { name: 'derivation_suffix', type: 'varchar', length: '255' },
          { name: 'beef', type: longTextType(driver) },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('delivery_payments');
    await queryRunner.dropTable('payment_outpoints');
  }
}
