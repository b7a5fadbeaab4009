import { readFileSync } from 'node:fs';

/**
 * MESSAGEBOX_FEES_FILE: a JSON object of server delivery fees, `{ "notifications": 10 }`,
 * applied at start-up like MESSAGEBOX_FEES (which wins for a box named in both).
 */
export function readFeeFile(path: string | undefined): Map<string, number> {
  if (!path) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`MESSAGEBOX_FEES_FILE must be a readable JSON file: ${path}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('MESSAGEBOX_FEES_FILE must hold a JSON object of box names to satoshis');
  }
  const fees = new Map<string, number>();
  for (const [box, sats] of Object.entries(parsed)) {
    if (
      !Number.isInteger(sats) ||
      (sats as number) < 0 ||
      (sats as number) > 2147483647 ||
      box.trim() === ''
    ) {
      throw new Error(
        `MESSAGEBOX_FEES_FILE: the fee of "${box}" must be a whole number of satoshis`,
      );
    }
    fees.set(box.trim(), sats as number);
  }
  return fees;
}
