export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isNonBlankString = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

/** Absent in the protocol's sense: missing or null. */
export const isAbsent = (value: unknown): value is null | undefined =>
  value === undefined || value === null;
