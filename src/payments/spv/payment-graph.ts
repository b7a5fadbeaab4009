import { Beef, BeefTx, MerklePath, Transaction } from '@bsv/sdk';
import { BEEF_LIMITS } from './beef-limits';
import { BeefShapeError, checkAtomicBeefShape } from './beef-shape';

/** A branch of unmined transactions that ends in neither an included nor a proven transaction. */
export class UnprovenAncestor extends BeefShapeError {}

/** A mined transaction the payment depends on, and the merkle path that says so. */
export interface ProvenTransaction {
  txid: string;
  path: MerklePath;
}

/** A payment's Atomic BEEF, taken apart without running any script. */
export interface PaymentGraph {
  subject: Transaction;
  txid: string;
  /** Every mined ancestor at the edge of the graph, each to be proven against the chain. */
  proven: ProvenTransaction[];
  /** Unmined transactions, the payment first; their inputs' scripts are checked once all proofs hold. */
  unproven: Transaction[];
  /** The outpoints the payment transaction spends ("txid:vout"). */
  spends: string[];
}

function merklePathOf(beef: Beef, entry: BeefTx, leafIndex: Map<string, MerklePath>) {
  if (entry.bumpIndex !== undefined) return beef.bumps[entry.bumpIndex];
  return leafIndex.get(entry.txid);
}

/**
 * Parses the Atomic BEEF (after a strict, bounded shape check) and links each unmined transaction
 * to the transactions it spends, until every branch ends in a transaction with a merkle path.
 * Throws BeefShapeError when the BEEF is malformed, exceeds BEEF_LIMITS, or a branch ends in a
 * transaction that is neither included nor proven.
 */
export function paymentGraph(bytes: Uint8Array): PaymentGraph {
  checkAtomicBeefShape(bytes);
  let beef: Beef;
  try {
    beef = Beef.fromBinary(Array.from(bytes));
  } catch (error) {
    throw new BeefShapeError(error instanceof Error ? error.message : 'invalid merkle path');
  }
  const byTxid = new Map(beef.txs.map((t) => [t.txid, t]));
  const leafIndex = new Map<string, MerklePath>();
  for (const path of beef.bumps) {
    for (const leaf of path.path[0]) if (leaf.hash) leafIndex.set(leaf.hash, path);
  }
  const subjectEntry = beef.atomicTxid ? byTxid.get(beef.atomicTxid) : undefined;
  if (!subjectEntry?.tx) throw new BeefShapeError('the BEEF does not contain its subject');

  const proven: ProvenTransaction[] = [];
  const unproven: Transaction[] = [];
  const seen = new Set<string>();
  const queue: BeefTx[] = [subjectEntry];
  let scriptChecks = 0;
  while (queue.length > 0) {
    const entry = queue.shift()!;
    if (seen.has(entry.txid)) continue;
    seen.add(entry.txid);
    const path = merklePathOf(beef, entry, leafIndex);
    if (path) {
      proven.push({ txid: entry.txid, path });
      continue;
    }
    const tx = entry.tx!;
    unproven.push(tx);
    scriptChecks += tx.inputs.length;
    if (unproven.length > BEEF_LIMITS.maxUnprovenTransactions)
      throw new BeefShapeError('too many unmined ancestors');
    if (scriptChecks > BEEF_LIMITS.maxScriptChecks)
      throw new BeefShapeError('too many inputs to check');
    for (const [i, input] of tx.inputs.entries()) {
      const source = byTxid.get(input.sourceTXID ?? '');
      if (!source?.tx) {
        throw new UnprovenAncestor(
          `input ${i} of ${entry.txid} spends a transaction that is neither included nor proven`,
        );
      }
      if (input.sourceOutputIndex >= source.tx.outputs.length)
        throw new BeefShapeError(`input ${i} of ${entry.txid} spends a missing output`);
      input.sourceTransaction = source.tx;
      queue.push(source);
    }
  }
  const subject = subjectEntry.tx;
  return {
    subject,
    txid: subjectEntry.txid,
    proven,
    unproven,
    spends: subject.inputs.map((i) => `${i.sourceTXID}:${i.sourceOutputIndex}`),
  };
}
