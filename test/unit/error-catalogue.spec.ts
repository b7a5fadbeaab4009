import { ExecutionContext } from '@nestjs/common';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { identityKeyOf } from '../../src/auth/identity-key.decorator';
import { AppError } from '../../src/common/errors/app-error';
import { ERROR_STATUS, ErrorCode } from '../../src/common/errors/error-codes';

const ROOT = resolve(__dirname, '..', '..');
const CATALOGUE_FILE = join(ROOT, 'src', 'common', 'errors', 'error-codes.ts');
const HTTP_API = join(ROOT, 'docs', 'protocol', 'http-api.md');
/** A quoted error code: `'ERR_…'` or `'UNAUTHORIZED'` (the protocol's one unprefixed code). */
const CODE_LITERAL = /['"`]((?:ERR_[A-Z0-9_]+)|UNAUTHORIZED)['"`]/g;
/**
 * Codes of Node and its libraries that the server reads (never emits): they may appear in src/
 * without being in the catalogue. Each must really occur, so the list cannot go stale.
 */
const FOREIGN_CODES = new Set(['ERR_HTTP_REQUEST_TIMEOUT']);
/** OpenAPI error lists only document codes; they do not make a code used. */
const DOCUMENTATION_DECORATOR = /@Api\w*Errors\(\{[\s\S]*?\}\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && path !== CATALOGUE_FILE ? [path] : [];
  });
}

const sources = sourceFiles(join(ROOT, 'src')).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));
const catalogue = Object.keys(ERROR_STATUS) as ErrorCode[];

function literalsIn(text: string): string[] {
  return [...text.matchAll(CODE_LITERAL)].map((match) => match[1]);
}

/** Code → status of each row of the catalogue table in docs/protocol/http-api.md#error-code-catalogue. */
function documentedStatuses(): Map<string, number[]> {
  const page = readFileSync(HTTP_API, 'utf8');
  const start = page.indexOf('### Error code catalogue');
  const rest = page.slice(start + 1);
  const section = rest.slice(0, rest.search(/\n##/));
  const documented = new Map<string, number[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const status = Number(/^\d{3}/.exec(cells[2] ?? '')?.[0]);
    if (!Number.isInteger(status)) continue;
    for (const [, code] of cells[1].matchAll(/`([A-Z0-9_]+)`/g)) {
      documented.set(code, [...(documented.get(code) ?? []), status]);
    }
  }
  return documented;
}

describe('the error catalogue', () => {
  it('holds every code thrown or emitted anywhere in src/', () => {
    const unknown = sources.flatMap(({ path, text }) =>
      literalsIn(text)
        .filter((code) => !(code in ERROR_STATUS) && !FOREIGN_CODES.has(code))
        .map((code) => `${path}: ${code}`),
    );
    expect(unknown).toEqual([]);
  });

  it('lists foreign codes that really occur and are not ours', () => {
    const all = new Set(sources.flatMap(({ text }) => literalsIn(text)));
    for (const code of FOREIGN_CODES) {
      expect({ code, occurs: all.has(code), catalogued: code in ERROR_STATUS }).toEqual({
        code,
        occurs: true,
        catalogued: false,
      });
    }
  });

  it('has no code built from pieces', () => {
    const built = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/`ERR_\$\{|['"]ERR_['"]\s*\+/g)].map(() => path),
    );
    expect(built).toEqual([]);
  });

  it('has no unused code', () => {
    const used = new Set(
      sources
        .filter(({ path }) => !path.startsWith(join('src', 'docs')))
        .flatMap(({ text }) => literalsIn(text.replace(DOCUMENTATION_DECORATOR, ''))),
    );
    expect(catalogue.filter((code) => !used.has(code))).toEqual([]);
  });

  it('is documented code by code, with the same status, in docs/protocol/http-api.md', () => {
    const documented = documentedStatuses();
    const mismatches = catalogue
      .filter((code) => (documented.get(code) ?? []).join() !== String(ERROR_STATUS[code]))
      .map((code) => `${code}: map ${ERROR_STATUS[code]}, docs ${documented.get(code)?.join()}`);
    expect(mismatches).toEqual([]);
    expect([...documented.keys()].filter((code) => !(code in ERROR_STATUS))).toEqual([]);
  });

  it('gives every AppError the status of its code', () => {
    for (const code of catalogue) {
      expect(new AppError(code, 'text').status).toBe(ERROR_STATUS[code]);
    }
  });
});

describe('ERR_AUTH_REQUIRED', () => {
  const contextOf = (request: object) =>
    ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;

  it('is what a handler reading the identity answers on a route without a verified one', () => {
    // The guard refuses such requests first (UNAUTHORIZED); this is the handler's own check
    // (docs/protocol/http-api.md#handler-level-identity-check), reached if a route is public by mistake.
    expect(() => identityKeyOf(contextOf({}))).toThrow(
      expect.objectContaining({ code: 'ERR_AUTH_REQUIRED', status: 401 }),
    );
    expect(identityKeyOf(contextOf({ auth: { identityKey: '02ab' } }))).toBe('02ab');
  });
});
