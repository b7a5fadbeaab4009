import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The request body limit in force: MAX_BODY_BYTES, lowered to what the database can store. */
export class BodyLimit {
  constructor(readonly maxBytes: number) {}
}

/** Room in one packet for the statement's text and the other columns. */
const STATEMENT_OVERHEAD = 64 * 1024;

/**
 * MySQL/MariaDB refuse any statement larger than max_allowed_packet (16 MiB by default), and the
 * driver escapes a body's quotes and backslashes into the statement text, which can double it.
 * A body the database would refuse must get 413 at the door, not a 500 after the work: the
 * limit is lowered to what fits, with a warning. SQLite has no such limit below 1 GB.
 */
export async function bodyLimitFor(dataSource: DataSource, configured: number): Promise<BodyLimit> {
  if (dataSource.options.type === 'sqlite') return new BodyLimit(configured);
  const rows = await dataSource.query<Array<{ packet: unknown }>>(
    'SELECT @@max_allowed_packet AS packet',
  );
  const packet = Number(rows[0]?.packet);
  if (!Number.isFinite(packet) || packet <= 0) return new BodyLimit(configured);
  const fits = Math.floor((packet - STATEMENT_OVERHEAD) / 2);
  if (configured <= fits) return new BodyLimit(configured);
  if (fits < 1024) {
    throw new Error(
      `The database's max_allowed_packet (${packet} bytes) leaves no room for message bodies; raise it to at least ${2 * 1024 * 1024} bytes.`,
    );
  }
  new Logger('Database').warn(
    `MAX_BODY_BYTES=${configured} does not fit the database's max_allowed_packet (${packet} bytes): bodies are limited to ${fits} bytes. Raise max_allowed_packet to ${2 * configured + STATEMENT_OVERHEAD} to allow ${configured}.`,
  );
  return new BodyLimit(fits);
}
