import { CachedKeyDeriver, PrivateKey } from '@bsv/sdk';
import { sdk, StorageClient, Wallet, WalletStorageManager } from '@bsv/wallet-toolbox-client';
import { FeeOutput, FeeWallet } from './fee-wallet';

/** How each fee appears in the wallet's history; the label lets the operator list them. */
const DESCRIPTION = 'MessageBox delivery fee';
const LABEL = 'messagebox delivery fee';

/**
 * The server's own BRC-100 wallet (root key SERVER_PRIVATE_KEY) kept by a remote wallet storage
 * server (WALLET_STORAGE_URL), built with the wallet toolbox. It connects on first use, not at
 * start-up, so an unreachable storage never stops the server: the call fails, the fee stays
 * pending, and the next attempt connects again. Each call to the storage is bounded by
 * `timeoutMs`; a call that times out may still complete, which is harmless because taking in the
 * same output twice is a merge in the wallet.
 */
export class ToolboxFeeWallet extends FeeWallet {
  private readonly storage: WalletStorageManager;
  private readonly wallet: Wallet;
  private readonly client: StorageClient;
  private connected = false;

  constructor(
    rootKeyHex: string,
    storageUrl: string,
    chain: sdk.Chain,
    services: sdk.WalletServices,
    private readonly timeoutMs: number,
  ) {
    super();
    const keyDeriver = new CachedKeyDeriver(PrivateKey.fromHex(rootKeyHex));
    this.storage = new WalletStorageManager(keyDeriver.identityKey);
    this.wallet = new Wallet({ chain, keyDeriver, storage: this.storage, services });
    this.client = new StorageClient(this.wallet, storageUrl);
  }

  async internalize(fee: FeeOutput): Promise<void> {
    await this.bounded(this.connect(), 'connecting to the wallet storage');
    const result = await this.bounded(
      this.wallet.internalizeAction({
        tx: Array.from(Buffer.from(fee.beefBase64, 'base64')),
        outputs: [
          {
            outputIndex: fee.vout,
            protocol: 'wallet payment',
            paymentRemittance: {
              derivationPrefix: fee.derivationPrefix,
              derivationSuffix: fee.derivationSuffix,
              senderIdentityKey: fee.senderIdentityKey,
            },
          },
        ],
        description: DESCRIPTION,
        labels: [LABEL],
      }),
      'internalizeAction',
    );
    if (!result.accepted) throw new Error('the wallet did not accept the fee output');
  }

  /** The wallet's view of its spendable satoshis (for the operator and tests). */
  async balance(): Promise<number> {
    await this.bounded(this.connect(), 'connecting to the wallet storage');
    return this.bounded(this.wallet.balance(), 'balance');
  }

  private async connect(): Promise<void> {
    if (!this.connected) {
      // Adding the provider reaches the storage first; if that fails nothing was added.
      await this.storage.addWalletStorageProvider(this.client);
      this.connected = true;
    } else if (!this.storage.isAvailable()) {
      await this.storage.makeAvailable();
    }
  }

  private async bounded<T>(work: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${what}: no answer within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
