import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PRIVATE_KEY_HEX } from '../common/validation/protocol-formats';

/**
 * Development convenience: the server needs a stable identity, so when no SERVER_PRIVATE_KEY is
 * configured we create one once and keep it in a git-ignored file (mode 0600) for the next start.
 * Returns the key and whether it was created now.
 */
export function loadOrCreateDevServerKey(file: string): { key: string; created: boolean } {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (PRIVATE_KEY_HEX.test(key)) return { key: key.toLowerCase(), created: false };
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, created: true };
}
