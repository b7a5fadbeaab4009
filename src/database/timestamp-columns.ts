import { Column, TableColumnOptions } from 'typeorm';

/**
 * Timestamps are written by the application (UTC, millisecond precision), not by database
 * defaults: SQLite and MySQL spell defaults differently, which would make one migration for both
 * dialects impossible to keep free of drift.
 */
export const CreatedAtColumn = () => Column({ name: 'created_at', type: 'datetime', precision: 3 });
export const UpdatedAtColumn = () => Column({ name: 'updated_at', type: 'datetime', precision: 3 });

/** The same two columns for QueryRunner-API migrations. */
export const timestampTableColumns = (): TableColumnOptions[] => [
  { name: 'created_at', type: 'datetime', precision: 3 },
  { name: 'updated_at', type: 'datetime', precision: 3 },
];
