import { SqlDialect, SqlDialectKind } from './sql-dialect';

/**
 * A statement a repository writes by hand (hot paths only), kept as data so docs/sql can list it
 * per dialect exactly as the code runs it.
 */
export interface HandWrittenStatement {
  /** What the statement does, for docs/sql. */
  purpose: string;
  /** Only these dialects run it (all when absent). */
  dialects?: SqlDialectKind[];
  /** The SQL for this dialect; `n` is the number of rows or values of its variable list. */
  sql(dialect: SqlDialect, n: number): string;
}

/** Keeps each statement's name while typing it as a HandWrittenStatement. */
export function statements<K extends string>(
  list: Record<K, HandWrittenStatement>,
): Record<K, HandWrittenStatement> {
  return list;
}

const DIALECTS: SqlDialectKind[] = ['sqlite', 'mariadb', 'mysql'];
/** Variable lists are shown with this many entries. */
const SAMPLE_SIZE = 2;

/**
 * The text of a docs/sql file: every hand-written statement of one table's repository, per
 * dialect, as the code builds it (lists shown with two entries), so reviewers read the real SQL.
 */
export function renderSqlDocs(
  title: string,
  source: string,
  statements: Record<string, HandWrittenStatement>,
): string {
  const lines = [
    `-- ${title}`,
    `-- Generated from ${source} by \`npm run sql:docs\`; do not edit by hand.`,
    `-- Variable lists (IN, VALUES) are shown with ${SAMPLE_SIZE} entries.`,
  ];
  for (const [name, statement] of Object.entries(statements)) {
    lines.push('', `-- ${name}: ${statement.purpose}`);
    for (const kind of statement.dialects ?? DIALECTS) {
      lines.push(`-- ${kind}`, `${statement.sql(new SqlDialect(kind), SAMPLE_SIZE)};`);
    }
  }
  return `${lines.join('\n')}\n`;
}
