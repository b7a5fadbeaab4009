import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SQL_DOCS } from './sql-docs';

/** `npm run sql:docs`: rewrites docs/sql from the statements in the code. */
for (const doc of SQL_DOCS) {
  writeFileSync(resolve(__dirname, '..', '..', doc.file), doc.text());
  process.stdout.write(`wrote ${doc.file}\n`);
}
