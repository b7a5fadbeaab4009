import { renderSqlDocs } from '../../src/database/hand-written-sql';
import { MESSAGES_SQL } from '../../src/messages/messages.sql';

/** Every docs/sql file and what it is generated from (one per repository with hand-written SQL). */
export const SQL_DOCS = [
  {
    file: 'docs/sql/messages.sql',
    text: () =>
      renderSqlDocs(
        'MessagesRepository: hand-written statements on messages and messageBox',
        'src/messages/messages.sql.ts',
        MESSAGES_SQL,
      ),
  },
];
