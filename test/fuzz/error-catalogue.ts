import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The error codes the server can emit, read from its source rather than copied here: a code is
 * catalogued when it appears as a quoted literal in src/ (or, for builders that prefix "ERR_",
 * its suffix does). A refusal with any other code means an error escaped the envelope.
 */
function collectCodes(dir: string, into: Set<string>): Set<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) collectCodes(path, into);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/['"`]([A-Z][A-Z0-9_]{2,})['"`]/g)) into.add(m[1]);
    }
  }
  return into;
}

let literals: Set<string> | undefined;

export function isCataloguedCode(code: unknown): boolean {
  if (typeof code !== 'string' || !/^(ERR_[A-Z0-9_]+|UNAUTHORIZED)$/.test(code)) return false;
  literals ??= collectCodes(join(__dirname, '..', '..', 'src'), new Set());
  return literals.has(code) || literals.has(code.slice(4));
}
