import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableIndex,
  TableUnique,
} from 'typeorm';

const OLD_DEDUPE = 'uq_messages_recipient_messageid';
const NEW_DEDUPE = 'uq_messages_sender_recipient_messageid';

const isMysql = (q: QueryRunner) =>
  q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

/**
 * A payment binds to exactly one send: each used output keeps the digest of the send it paid
 * for, and each input a payment spends is recorded so no second payment can spend it. Messages
 * are de-duplicated per (sender, recipient, messageId), so one sender can no longer suppress
 * another's message by choosing the same id. Existing rows are kept: the new key is looser than
 * the old one, and old outpoints simply have no digest (a retry of such a send is refused).
 */
export class PaymentBinding1764160000000 implements MigrationInterface {
  name = 'PaymentBinding1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'payment_outpoints',
      new TableColumn({ name: 'send_digest', type: 'varchar', length: '64', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'payment_inputs',
        columns: [
          { name: 'outpoint', type: 'varchar', length: '80', isPrimary: true },
          { name: 'payment_txid', type: 'varchar', length: '64' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await this.replaceDedupeKey(queryRunner, OLD_DEDUPE, NEW_DEDUPE, [
      'sender',
      'recipient',
      'messageId',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Going back to the stricter key needs the rows it would reject gone: keep the oldest.
    await queryRunner.query(
      isMysql(queryRunner)
        ? 'DELETE m FROM messages m JOIN messages o ON o.recipient = m.recipient AND o.messageId = m.messageId AND o.id < m.id'
        : 'DELETE FROM messages WHERE EXISTS (SELECT 1 FROM messages o WHERE o.recipient = messages.recipient AND o.messageId = messages.messageId AND o.id < messages.id)',
    );
    await this.replaceDedupeKey(queryRunner, NEW_DEDUPE, OLD_DEDUPE, ['recipient', 'messageId']);
    await queryRunner.dropTable('payment_inputs');
    await queryRunner.dropColumn('payment_outpoints', 'send_digest');
  }

  /** MySQL keeps unique keys as unique indexes, SQLite as table constraints. */
  private async replaceDedupeKey(
    queryRunner: QueryRunner,
    from: string,
    to: string,
    columnNames: string[],
  ): Promise<void> {
    if (isMysql(queryRunner)) {
      await queryRunner.dropIndex('messages', from);
      await queryRunner.createIndex(
        'messages',
        new TableIndex({ name: to, columnNames, isUnique: true }),
      );
      return;
    }
    await queryRunner.dropUniqueConstraint('messages', from);
    await queryRunner.createUniqueConstraint(
      'messages',
      new TableUnique({ name: to, columnNames }),
    );
  }
}
