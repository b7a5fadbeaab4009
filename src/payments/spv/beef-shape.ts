import { BEEF_LIMITS } from './beef-limits';

const ATOMIC_BEEF = 0x01010101;
const BEEF_V1 = 4022206465;
const BEEF_V2 = 4022206466;
const TXID_ONLY = 2;
const RAWTX_AND_BUMP_INDEX = 1;

/** The bytes are not a well-formed Atomic BEEF within BEEF_LIMITS. */
export class BeefShapeError extends Error {}

/**
 * A strict reader: every read and every count is checked against the bytes that remain. The SDK's
 * own reader returns `undefined` past the end, so a huge count in a tiny input makes its parsers
 * loop and allocate without end; nothing reaches them until this walk has succeeded.
 */
class StrictReader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  skip(n: number): void {
    if (n > this.remaining) throw new BeefShapeError('truncated');
    this.at += n;
  }

  u8(): number {
    if (this.remaining < 1) throw new BeefShapeError('truncated');
    return this.bytes[this.at++];
  }

  u32(): number {
    if (this.remaining < 4) throw new BeefShapeError('truncated');
    const b = this.bytes;
    const v =
      (b[this.at] | (b[this.at + 1] << 8) | (b[this.at + 2] << 16)) + b[this.at + 3] * 2 ** 24;
    this.at += 4;
    return v;
  }

  varInt(): number {
    const first = this.u8();
    if (first < 0xfd) return first;
    if (first === 0xfd) return this.u8() | (this.u8() << 8);
    if (first === 0xfe) return this.u32();
    const low = this.u32();
    const high = this.u32();
    if (high > 0x1fffff) throw new BeefShapeError('number too large');
    return high * 2 ** 32 + low;
  }

  /** A count of items of at least `minBytes` each, refused when they cannot fit or exceed `max`. */
  count(minBytes: number, max: number, what: string): number {
    const n = this.varInt();
    if (n > max) throw new BeefShapeError(`too many ${what} (${n} > ${max})`);
    if (n * minBytes > this.remaining) throw new BeefShapeError(`truncated ${what}`);
    return n;
  }
}

function merklePath(r: StrictReader): void {
  r.varInt();
  const height = r.u8();
  if (height === 0 || height > BEEF_LIMITS.maxTreeHeight)
    throw new BeefShapeError(`merkle path height ${height} out of range`);
  for (let level = 0; level < height; level++) {
    const leaves = r.count(2, BEEF_LIMITS.maxLeavesPerLevel, 'merkle path leaves');
    for (let i = 0; i < leaves; i++) {
      r.varInt();
      if ((r.u8() & 1) === 0) r.skip(32);
    }
  }
}

function transaction(r: StrictReader): void {
  r.skip(4);
  const inputs = r.count(41, BEEF_LIMITS.maxInputsPerTransaction, 'inputs');
  for (let i = 0; i < inputs; i++) {
    r.skip(36);
    r.skip(r.varInt());
    r.skip(4);
  }
  const outputs = r.count(9, BEEF_LIMITS.maxOutputsPerTransaction, 'outputs');
  for (let i = 0; i < outputs; i++) {
    r.skip(8);
    r.skip(r.varInt());
  }
  r.skip(4);
}

/**
 * Checks that `bytes` is exactly one Atomic BEEF (BRC-95) within BEEF_LIMITS, in time linear in
 * its length; throws BeefShapeError otherwise.
 */
export function checkAtomicBeefShape(bytes: Uint8Array): void {
  const r = new StrictReader(bytes);
  if (r.u32() !== ATOMIC_BEEF) throw new BeefShapeError('not an Atomic BEEF');
  r.skip(32);
  const version = r.u32();
  if (version !== BEEF_V1 && version !== BEEF_V2) throw new BeefShapeError('unknown BEEF version');
  const paths = r.count(3, BEEF_LIMITS.maxMerklePaths, 'merkle paths');
  for (let i = 0; i < paths; i++) merklePath(r);
  const txs = r.count(10, BEEF_LIMITS.maxTransactions, 'transactions');
  if (txs === 0) throw new BeefShapeError('no transaction');
  for (let i = 0; i < txs; i++) {
    if (version === BEEF_V2) {
      const format = r.u8();
      if (format === TXID_ONLY) throw new BeefShapeError('txid-only entries are not accepted');
      if (format === RAWTX_AND_BUMP_INDEX) {
        if (r.varInt() >= paths) throw new BeefShapeError('bad merkle path index');
      } else if (format !== 0) throw new BeefShapeError('unknown transaction format');
      transaction(r);
    } else {
      transaction(r);
      if (r.u8() !== 0 && r.varInt() >= paths) throw new BeefShapeError('bad merkle path index');
    }
  }
  if (r.remaining !== 0) throw new BeefShapeError('trailing bytes');
}
