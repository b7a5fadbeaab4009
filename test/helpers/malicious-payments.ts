import { LockingScript, OP, ProtoWallet, Script, Transaction, UnlockingScript } from '@bsv/sdk';
import { plannedOutputs } from './payment-builder';
import { TestChainTracker } from './test-chain-tracker';

/**
 * Payments built by an attacker with @bsv/sdk: correct BRC-29 outputs for the server and the
 * recipient, funded by a made-up parent output whose locking script is expensive to evaluate.
 * With `tracker`, the parent is "mined" so that its merkle proof holds.
 */
export async function paymentSpendingScript(args: {
  sender: ProtoWallet;
  serverKey: string;
  recipient: string;
  lockingScript: Script;
  unlockingScript: Script;
  tracker?: TestChainTracker;
}) {
  const parent = new Transaction();
  parent.addInput({
    sourceTXID: '11'.repeat(32),
    sourceOutputIndex: 0,
    unlockingScript: new UnlockingScript([{ op: OP.OP_TRUE }]),
    sequence: 0xffffffff,
  });
  parent.addOutput({
    lockingScript: new LockingScript(args.lockingScript.chunks),
    satoshis: 100_000,
  });
  if (args.tracker) parent.merklePath = args.tracker.mine(parent.id('hex'));
  const { createOutputs, outputs } = await plannedOutputs(args.sender, args.serverKey, [
    { to: 'server', satoshis: 10 },
    { to: args.recipient, satoshis: 10 },
  ]);
  const tx = new Transaction();
  tx.addInput({
    sourceTransaction: parent,
    sourceOutputIndex: 0,
    unlockingScript: new UnlockingScript(args.unlockingScript.chunks),
    sequence: 0xffffffff,
  });
  for (const o of createOutputs)
    tx.addOutput({ lockingScript: LockingScript.fromHex(o.lockingScript), satoshis: o.satoshis });
  return { tx: tx.toAtomicBEEF(true), outputs, description: 'attack' };
}

/** OP_DUP OP_CAT repeated: the stack item doubles each time (the ~2 KB heap bomb). */
export function heapBombScript(): { lock: Script; unlock: Script } {
  const lock = new Script();
  for (let i = 0; i < 900; i++) lock.writeOpCode(OP.OP_DUP).writeOpCode(OP.OP_CAT);
  return { lock, unlock: new Script().writeBin(Array.from({ length: 64 }, () => 7)) };
}

/** 2,500 signature checks on one (bogus) signature and key: ~31 KB of CPU-bound script. */
export function checksigFloodScript(): { lock: Script; unlock: Script } {
  const lock = new Script();
  for (let i = 0; i < 2500; i++) {
    lock
      .writeOpCode(OP.OP_2DUP)
      .writeOpCode(OP.OP_CHECKSIG)
      .writeOpCode(OP.OP_DROP)
      .writeBin([1, 2, 3, 4, 5, 6, 7, 8])
      .writeOpCode(OP.OP_DROP);
  }
  lock.writeOpCode(OP.OP_2DROP).writeOpCode(OP.OP_TRUE);
  const signature = [
    0x30,
    0x44,
    0x02,
    0x20,
    ...Array(32).fill(1),
    0x02,
    0x20,
    ...Array(32).fill(2),
    0x41,
  ];
  const key = [0x02, ...Array(32).fill(3)];
  return { lock, unlock: new Script().writeBin(signature).writeBin(key) };
}
