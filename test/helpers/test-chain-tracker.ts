import { ChainTracker, MerklePath } from '@bsv/sdk';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { CHAIN_TRACKER } from '../../src/payments/chain-tracker.provider';

/**
 * A ChainTracker for tests (the blockchain is outside the machine): it knows the merkle roots of
 * the blocks this test "mined" and nothing else.
 */
export class TestChainTracker implements ChainTracker {
  private readonly roots = new Map<number, string>();
  private height = 900000;

  /** A merkle path proving `txid` in a fresh two-transaction block whose root this tracker accepts. */
  mine(txid: string): MerklePath {
    const height = ++this.height;
    const path = new MerklePath(height, [
      [
        { offset: 0, hash: randomBytes(32).toString('hex') },
        { offset: 1, hash: txid, txid: true },
      ],
    ]);
    this.roots.set(height, path.computeRoot(txid));
    return path;
  }

  /** The merkle root of a block this tracker "mined", as a header service would report it. */
  rootAt(height: number): string | undefined {
    return this.roots.get(height);
  }

  isValidRootForHeight(root: string, height: number): Promise<boolean> {
    return Promise.resolve(this.roots.get(height) === root);
  }

  currentHeight(): Promise<number> {
    return Promise.resolve(this.height + 1);
  }
}

/** createTestApp's `override` argument: the app checks merkle roots against `tracker`. */
export const withChainTracker =
  (tracker: TestChainTracker) =>
  (builder: TestingModuleBuilder): TestingModuleBuilder =>
    builder.overrideProvider(CHAIN_TRACKER).useValue(tracker);
