import { Column, PrimaryGeneratedColumn, TableColumnOptions } from 'typeorm';

/**
 * Timestamps are written by the application (UTC, millisecond precision), not by database
 * defaults: SQLite and MySQL spell defaults differently, which would make one migration for both
 * dialects impossible to keep free of drift.
 */
export const CreatedAtColumn = () => Column({ name: 'created_at', type: 'datetime', precision: 3 });
export const UpdatedAtColumn = () => Column({ name: 'updated_at', type: 'datetime', precision: 3 });

/**
 * The integer id and the two timestamps every mutable table (devices, permissions, server fees)
 * starts with, declared once; TypeORM inherits column decorators from an abstract base class.
 */
export abstract class TimestampedEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** The same two columns for QueryRunner-API migrations. */
export const timestampTableColumns = (): TableColumnOptions[] => [
  { name: 'created_at', type: 'datetime', precision: 3 },
  { name: 'updated_at', type: 'datetime', precision: 3 },
];
