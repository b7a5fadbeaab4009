import { randomBytes } from 'node:crypto';
import {
  CreateActionArgs,
  CreateActionResult,
  InternalizeActionArgs,
  InternalizeActionResult,
  P2PKH,
  PrivateKey,
  ProtoWallet,
  Script,
  Transaction,
  WalletInterface,
} from '@bsv/sdk';
import { TestChainTracker } from './test-chain-tracker';

/**
 * A client wallet for tests: ProtoWallet's key operations plus a createAction that builds and
 * signs a real transaction paying the requested outputs, funded by a synthetic source transaction
 * of its own (the blockchain is outside the machine). The result is Atomic BEEF, as the official
 * client sends it.
 */
export class TestWallet extends ProtoWallet {
  readonly privateKey: PrivateKey;
  /** Payments this wallet was asked to internalize (what a recipient's client does on listing). */
  readonly internalized: InternalizeActionArgs[] = [];
  /** The funding transaction of the last createAction (double-spend tests fund again from it). */
  lastFunding?: Transaction;
  /** When set, the next payments spend this funding output instead of a fresh one. */
  fundFrom?: Transaction;

  /** With a tracker, funding transactions are "mined" so that payments pass SPV checks. */
  constructor(
    key: PrivateKey = PrivateKey.fromRandom(),
    private readonly tracker?: TestChainTracker,
  ) {
    super(key);
    this.privateKey = key;
  }

  internalizeAction(args: InternalizeActionArgs): Promise<InternalizeActionResult> {
    this.internalized.push(args);
    return Promise.resolve({ accepted: true });
  }

  asWallet(): WalletInterface {
    return this as unknown as WalletInterface;
  }

  private funding(satoshis: number): Transaction {
    const source = new Transaction();
    source.addInput({
      // A distinct made-up coin per funding: each payment spends its own input.
      sourceTXID: randomBytes(32).toString('hex'),
      sourceOutputIndex: 0,
      unlockingScript: Script.fromASM('OP_TRUE'),
      sequence: 0xffffffff,
    });
    source.addOutput({ lockingScript: new P2PKH().lock(this.privateKey.toAddress()), satoshis });
    if (this.tracker) source.merklePath = this.tracker.mine(source.id('hex'));
    return source;
  }

  async createAction(args: CreateActionArgs): Promise<CreateActionResult> {
    const outputs = args.outputs ?? [];
    const total = outputs.reduce((sum, o) => sum + o.satoshis, 0);
    const source = this.fundFrom ?? this.funding(total + 1000);
    this.lastFunding = source;
    const tx = new Transaction();
    tx.addInput({
      sourceTransaction: source,
      sourceOutputIndex: 0,
      unlockingScriptTemplate: new P2PKH().unlock(this.privateKey),
    });
    for (const o of outputs)
      tx.addOutput({ lockingScript: Script.fromHex(o.lockingScript), satoshis: o.satoshis });
    tx.addOutput({ lockingScript: new P2PKH().lock(this.privateKey.toAddress()), satoshis: 900 });
    await tx.sign();
    return Promise.resolve({ txid: tx.id('hex'), tx: tx.toAtomicBEEF() });
  }
}
