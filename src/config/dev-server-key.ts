import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * Development convenience: the server needs a stable identity, so when no SERVER_PRIVATE_KEY is
 * configured we create one once and keep it in a git-ignored file (mode 0600) for the next start.
 * Returns the key and whether it was created now.
 */
export function loadOrCreateDevServerKey(file: string): { key: string; created: boolean } {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (HEX_KEY.test(key)) return { key: key.toLowerCase(), created: false };
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, created: true };
}
