import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { timestampTableColumns } from '../timestamp-columns';
import { bigIncrementType, longTextType } from '../dialect-column-types';

// 'integer', not 'int': SQLite allows AUTOINCREMENT only on INTEGER PRIMARY KEY.
const intId = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

/** The five tables (docs/protocol/http-api.md#tables) with their unique keys (docs/protocol/http-api.md#unique-keys-and-why-they-differ); one definition for SQLite and MySQL. */
export class InitialSchema1764140000000 implements MigrationInterface {
  name = 'InitialSchema1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const driver = queryRunner.connection.options.type;
    await queryRunner.createTable(
      new Table({
        name: 'messageBox',
        columns: [
          intId('messageBoxId'),
          ...timestampTableColumns(),
          { name: 'type', type: 'varchar', length: '255' },
          { name: 'identityKey', type: 'varchar', length: '66' },
        ],
        uniques: [{ name: 'uq_messagebox_type_identity', columnNames: ['type', 'identityKey'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'messages',
        columns: [
          { ...intId(), type: bigIncrementType(driver) },
          { name: 'messageId', type: 'varchar', length: '255' },
          ...timestampTableColumns(),
          { name: 'messageBoxId', type: 'integer' },
          { name: 'sender', type: 'varchar', length: '66' },
          { name: 'recipient', type: 'varchar', length: '66' },
          { name: 'body', type: longTextType(driver) },
        ],
        uniques: [
          { name: 'uq_messages_recipient_messageid', columnNames: ['recipient', 'messageId'] },
        ],
        indices: [
          { name: 'idx_messages_listing', columnNames: ['recipient', 'messageBoxId', 'id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_messages_messagebox',
            columnNames: ['messageBoxId'],
            referencedTableName: 'messageBox',
            referencedColumnNames: ['messageBoxId'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'message_permissions',
        columns: [
          intId(),
          ...timestampTableColumns(),
          { name: 'recipient', type: 'varchar', length: '66' },
          { name: 'sender', type: 'varchar', length: '66', default: "''" },
          { name: 'message_box', type: 'varchar', length: '255' },
          { name: 'recipient_fee', type: 'integer' },
        ],
        uniques: [
          {
            name: 'uq_permissions_recipient_box_sender',
            columnNames: ['recipient', 'message_box', 'sender'],
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'server_fees',
        columns: [
          intId(),
          ...timestampTableColumns(),
          { name: 'message_box', type: 'varchar', length: '255' },
          { name: 'delivery_fee', type: 'integer' },
        ],
        uniques: [{ name: 'uq_server_fees_message_box', columnNames: ['message_box'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'device_registrations',
        columns: [
          intId(),
          ...timestampTableColumns(),
          { name: 'identity_key', type: 'varchar', length: '66' },
          { name: 'fcm_token', type: 'varchar', length: '500' },
          { name: 'device_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'platform', type: 'varchar', length: '50', isNullable: true },
          { name: 'last_used', type: 'datetime', precision: 3, isNullable: true },
          { name: 'active', type: 'boolean' },
        ],
        uniques: [{ name: 'uq_devices_fcm_token', columnNames: ['fcm_token'] }],
        indices: [{ name: 'idx_devices_identity_active', columnNames: ['identity_key', 'active'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'device_registrations',
      'server_fees',
      'message_permissions',
      'messages',
      'messageBox',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
