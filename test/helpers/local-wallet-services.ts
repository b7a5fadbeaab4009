import { Beef, ChainTracker } from '@bsv/sdk';
import { sdk } from '@bsv/wallet-toolbox-client';

/**
 * The chain and broadcast services a wallet (and a wallet storage server) uses, for tests: the
 * blockchain is outside the machine, so merkle roots come from the test's ChainTracker, and every
 * broadcast is recorded (`broadcastTxids`) and accepted. Only what internalizing a payment calls is implemented;
 * anything else is missing (a TypeError), so a test never reaches the internet by accident.
 */
export class LocalWalletServices {
  /** Every txid handed to postBeef, in order: what would have reached the network. */
  readonly broadcastTxids: string[] = [];

  constructor(
    readonly chain: sdk.Chain,
    private readonly tracker: ChainTracker,
  ) {}

  getChainTracker(): Promise<ChainTracker> {
    return Promise.resolve(this.tracker);
  }

  async getHeight(): Promise<number> {
    return this.tracker.currentHeight();
  }

  postBeef(beef: Beef, txids: string[]): Promise<sdk.PostBeefResult[]> {
    // Only what the BEEF really carries counts as broadcast.
    this.broadcastTxids.push(...txids.filter((txid) => beef.findTxid(txid) !== undefined));
    return Promise.resolve([
      {
        name: 'local',
        status: 'success',
        txidResults: txids.map((txid) => ({ txid, status: 'success' as const })),
      },
    ]);
  }

  /**
   * As a toolbox WalletServices, which this implements in part (see above); T is the client
   * package's type by default, or the full package's for a storage server.
   */
  asWalletServices<T = sdk.WalletServices>(): T {
    return this as unknown as T;
  }
}
