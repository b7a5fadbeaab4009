import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SQL_DOCS } from '../tools/sql-docs';

const ROOT = resolve(__dirname, '..', '..');

describe('docs/sql', () => {
  it.each(SQL_DOCS.map((d) => [d.file, d] as const))(
    '%s lists exactly the SQL the code runs (run `npm run sql:docs` after changing it)',
    (file, doc) => {
      expect(readFileSync(resolve(ROOT, file), 'utf8')).toBe(doc.text());
    },
  );
});
