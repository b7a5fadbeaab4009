import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { githubAnchor, headingAnchors } from '../helpers/markdown-anchors';

const ROOT = resolve(__dirname, '..', '..');
/** A repository path of a Markdown page under docs, with an optional heading anchor. */
const REFERENCE = /(?<![\w./-])docs\/[\w./-]+\.md(?:#[\w-]+)?/g;
/** A relative Markdown link target: `(page.md#anchor)` or `(#anchor)`. */
const LINK = /\]\((?!https?:|mailto:)([^)\s#]*)(#[^)\s]*)?\)/g;

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

const anchorsByFile = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  let anchors = anchorsByFile.get(file);
  if (!anchors) {
    anchors = headingAnchors(readFileSync(file, 'utf8'));
    anchorsByFile.set(file, anchors);
  }
  return anchors;
}

/** Why `file#anchor` does not resolve, or undefined when it does. */
function problemWith(file: string, anchor: string | undefined): string | undefined {
  if (!existsSync(file) || !statSync(file).isFile()) return 'no such file';
  if (anchor && !anchorsOf(file).has(anchor)) return `no heading with anchor #${anchor}`;
  return undefined;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

describe('githubAnchor', () => {
  it.each([
    ['POST /permissions/set', 'post-permissionsset'],
    [
      "Responses are signed for the request's session",
      'responses-are-signed-for-the-requests-session',
    ],
    ['`message_permissions` table', 'message_permissions-table'],
    ['BRC-29 keys', 'brc-29-keys'],
    ['Error codes that differ by an underscore', 'error-codes-that-differ-by-an-underscore'],
    ['See [auth](auth.md) — details', 'see-auth--details'],
  ])('%s → %s', (heading, anchor) => {
    expect(githubAnchor(heading)).toBe(anchor);
  });

  it('numbers repeated headings and ignores fenced code', () => {
    const anchors = headingAnchors('# Title\n## Errors\n```\n# not a heading\n```\n## Errors\n');
    expect([...anchors]).toEqual(['title', 'errors', 'errors-1']);
  });
});

describe('references to documentation', () => {
  it('every docs/….md(#anchor) named in src/ and test/ exists', () => {
    const broken: string[] = [];
    const sources = [
      ...filesUnder(join(ROOT, 'src'), '.ts'),
      ...filesUnder(join(ROOT, 'test'), '.ts'),
    ];
    for (const source of sources) {
      const text = readFileSync(source, 'utf8');
      for (const match of text.matchAll(REFERENCE)) {
        const [path, anchor] = match[0].split('#');
        const problem = problemWith(join(ROOT, path), anchor);
        if (problem) {
          broken.push(
            `${relative(ROOT, source)}:${lineOf(text, match.index)} ${match[0]}: ${problem}`,
          );
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('every link between the documentation pages resolves', () => {
    const pages = filesUnder(join(ROOT, 'docs'), '.md');
    expect(pages.map((p) => relative(ROOT, p)).sort()).toEqual(
      expect.arrayContaining([
        'docs/protocol/README.md',
        'docs/protocol/auth.md',
        'docs/protocol/fees-and-payments.md',
        'docs/protocol/http-api.md',
        'docs/protocol/limits.md',
        'docs/protocol/realtime.md',
      ]),
    );
    const broken: string[] = [];
    let links = 0;
    for (const page of pages) {
      const text = readFileSync(page, 'utf8');
      for (const match of text.matchAll(LINK)) {
        const [, target, hash] = match;
        if (target && !target.endsWith('.md')) continue;
        links++;
        const file = target ? resolve(dirname(page), target) : page;
        const problem = problemWith(file, hash?.slice(1));
        if (problem) {
          broken.push(
            `${relative(ROOT, page)}:${lineOf(text, match.index)} ${match[0]}: ${problem}`,
          );
        }
      }
    }
    expect(links).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});
