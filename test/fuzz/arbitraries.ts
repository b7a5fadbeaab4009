import { PrivateKey } from '@bsv/sdk';
import { createHash } from 'node:crypto';
import fc from 'fast-check';

/** A private key from a replayable seed (inputs must be JSON, so keys are kept as seeds). */
export function keyFromSeed(seedHex: string): PrivateKey {
  return new PrivateKey(createHash('sha256').update(seedHex).digest('hex'), 16);
}

export const keySeed = fc.stringMatching(/^[0-9a-f]{8}$/);

/** Strings a hostile client likes: empty, huge, unicode, control characters, lookalikes. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '__proto__',
    'constructor',
    'toString',
    'null',
    'NaN',
    '-1',
    '1e309',
    '0x10',
    '../../etc/passwd',
    '%00',
    '%',
    '\uD800',
    'ﾟ',
  ),
  fc.integer({ min: 0, max: 70000 }).map((n) => 'x'.repeat(n)),
);

/** Base64 of random bytes of any length, so with 0, 1 or 2 "=" of padding, or unpadded. */
export const base64Nonce = fc
  .tuple(fc.uint8Array({ minLength: 0, maxLength: 80 }), fc.boolean())
  .map(([bytes, strip]) => {
    const b64 = Buffer.from(bytes).toString('base64');
    return strip ? b64.replace(/=+$/, '') : b64;
  });

/** A JSON value nested `depth` levels deep (arrays or objects), built without recursion. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Any JSON value, occasionally a hostile one (huge, deep, prototype keys). */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 2, arbitrary: nastyString },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom('array' as const, 'object' as const),
      )
      .map(([d, k]) => JSON.parse(deepJson(d, k)) as unknown),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      { __proto__: { polluted: true } },
      JSON.parse('{"__proto__":{"polluted":true}}'),
      { constructor: { prototype: { polluted: true } } },
      [],
      {},
      null,
      -0,
      1e308,
      Number.MAX_SAFE_INTEGER + 2,
    ),
  },
);

/** A raw body: garbage bytes, JSON text, truncated JSON or a deep nesting bomb. */
export const rawBodyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  hostileJson.map((v) => JSON.stringify(v) ?? ''),
  hostileJson.map((v) => (JSON.stringify(v) ?? '').slice(0, -1)),
  fc
    .tuple(
      fc.integer({ min: 1000, max: 120000 }),
      fc.constantFrom('array' as const, 'object' as const),
    )
    .map(([d, k]) => deepJson(d, k)),
);
