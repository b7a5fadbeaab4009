import { statements } from '../database/hand-written-sql';

const COLUMNS = '(messageId, messageBoxId, sender, recipient, body, created_at, updated_at)';
const ROW = '(?, ?, ?, ?, ?, ?, ?)';

/**
 * Every hand-written statement on `messages` and `messageBox`, in one place. They run on every
 * send, list and acknowledge, where TypeORM's query building and entity hydration cost more CPU
 * than the statements themselves; the rest of the data access uses TypeORM's repository API.
 * docs/sql/messages.sql lists them per dialect (`npm run sql:docs` writes it; a unit test checks
 * it is up to date), so a reviewer reads the SQL without running the code.
 */
export const MESSAGES_SQL = statements({
  insertBoxes: {
    purpose: 'Creates the missing boxes of a send, race-free (a box that exists is left alone).',
    sql: (d, n) =>
      `${d.insertIgnore} messageBox (type, identityKey, created_at, updated_at) VALUES ${d.placeholders(n, '(?, ?, ?, ?)')}`,
  },
  findBoxes: {
    purpose: 'Ids of one box name for several owners (never creates one).',
    sql: (d, n) =>
      `SELECT messageBoxId, identityKey FROM messageBox WHERE type = ? AND identityKey IN (${d.placeholders(n)})`,
  },
  insertMessagesReturning: {
    purpose:
      'Stores a send in one statement, ignoring duplicates, and returns the rows really written.',
    dialects: ['sqlite', 'mariadb'],
    sql: (d, n) =>
      `${d.insertIgnore} messages ${COLUMNS} VALUES ${d.placeholders(n, ROW)} RETURNING recipient, messageId`,
  },
  insertMessage: {
    purpose:
      'No RETURNING in MySQL: one row per statement, ignoring a duplicate; affected rows tell.',
    dialects: ['mysql'],
    sql: (d) => `${d.insertIgnore} messages ${COLUMNS} VALUES ${ROW}`,
  },
  pageSizes: {
    purpose:
      'A page of ids and body sizes, oldest first (sizes from the record headers, not the bodies).',
    sql: (d) =>
      `SELECT id, ${d.byteLength('body')} AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? ORDER BY id LIMIT ?`,
  },
  pageSizesAfter: {
    purpose: 'The same after a cursor.',
    sql: (d) =>
      `SELECT id, ${d.byteLength('body')} AS bytes FROM messages WHERE recipient = ? AND messageBoxId = ? AND id > ? ORDER BY id LIMIT ?`,
  },
  pageBodies: {
    purpose: 'The bodies of the ids that fit the byte budget of one page.',
    sql: (d, n) =>
      `SELECT id, messageId, body, sender, created_at FROM messages WHERE recipient = ? AND id IN (${d.placeholders(n)}) ORDER BY id`,
  },
  storedBytes: {
    purpose: 'Bytes waiting per recipient, in total and from one sender (sizes only).',
    sql: (d, n) => {
      const len = d.byteLength('body');
      return `SELECT recipient, COALESCE(SUM(${len}), 0) AS total, COALESCE(SUM(CASE WHEN sender = ? THEN ${len} ELSE 0 END), 0) AS fromSender FROM messages WHERE recipient IN (${d.placeholders(n)}) GROUP BY recipient`;
    },
  },
  deleteReceived: {
    purpose: "Acknowledges: deletes only the caller's own received messages by id.",
    sql: (d, n) =>
      `DELETE FROM messages WHERE recipient = ? AND messageId IN (${d.placeholders(n)})`,
  },
});
