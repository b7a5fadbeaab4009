/** The message of anything thrown, for a log line; non-errors are stringified. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Like describeError, with the stack when there is one: for failures nobody expected. */
export function describeErrorWithStack(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
