import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const CORPUS_DIR = join(__dirname, 'corpus');

/** Seeds captured from the official clients (see capture.ts), by kind. */
export function loadSeeds<T = unknown>(kind: string): T[] {
  const dir = join(CORPUS_DIR, 'seeds', kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as T);
}

export interface RegressionCase {
  surface: string;
  /** What went wrong when the case was found, and what fixed it. */
  note: string;
  input: unknown;
}

/** Every crash the fuzzer found, kept so that `npm test` replays it. */
export function loadRegressions(): Array<RegressionCase & { file: string }> {
  const dir = join(CORPUS_DIR, 'regressions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: f,
      ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as RegressionCase),
    }));
}

/** Saves a minimised failing input as a regression case; returns its path. */
export function saveRegression(c: RegressionCase): string {
  const dir = join(CORPUS_DIR, 'regressions');
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(c.input);
  const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const path = join(dir, `${c.surface}-${id}.json`);
  writeFileSync(path, `${JSON.stringify(c, null, 2)}\n`);
  return path;
}

export function saveSeed(kind: string, name: string, value: unknown): void {
  const dir = join(CORPUS_DIR, 'seeds', kind);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
}
