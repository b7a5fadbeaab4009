import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every column holding a box name or a message id; all VARCHAR(255) NOT NULL. */
const COLUMNS: Array<[table: string, column: string]> = [
  ['messageBox', 'type'],
  ['messages', 'messageId'],
  ['message_permissions', 'message_box'],
  ['server_fees', 'message_box'],
  ['delivery_payments', 'message_box'],
];

/**
 * Box names and message ids compare byte for byte on every database, as they do in the code
 * (fee and rule look-ups, caches) and on SQLite: on MySQL/MariaDB the default collation compared
 * them case-insensitively, so `Notifications` matched the paid `notifications` box in the
 * database while the code charged it nothing. Each column keeps its character set and gets that
 * set's binary collation; existing rows are unchanged (a binary key is stricter than a
 * case-insensitive one, so no unique key can clash). SQLite already compares with BINARY.
 */
export class BinaryBoxNames1764160000001 implements MigrationInterface {
  name = 'BinaryBoxNames1764160000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.collate(queryRunner, (charset) => `COLLATE ${charset}_bin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The character set's default collation, as the columns were created.
    await this.collate(queryRunner, () => '');
  }

  private async collate(
    queryRunner: QueryRunner,
    collation: (charset: string) => string,
  ): Promise<void> {
    const driver = queryRunner.connection.options.type;
    if (driver !== 'mysql' && driver !== 'mariadb') return;
    for (const [table, column] of COLUMNS) {
      const [info] = (await queryRunner.query(
        `SELECT CHARACTER_SET_NAME AS charset FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`,
        [table, column],
      )) as Array<{ charset: string }>;
      const charset = info.charset;
      if (!/^[a-z0-9_]+$/.test(charset)) throw new Error(`unexpected character set ${charset}`);
      await queryRunner.query(
        `ALTER TABLE \`${table}\` MODIFY \`${column}\` varchar(255) CHARACTER SET ${charset} ${collation(charset)} NOT NULL`,
      );
    }
  }
}
