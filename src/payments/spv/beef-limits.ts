/**
 * Hard bounds on what a payment's Atomic BEEF may contain. Honest wallets send one payment
 * transaction, a handful of ancestors and one or two merkle paths; every bound is far above that
 * and far below what makes parsing or checking expensive (the SDK's parsers and MerklePath
 * constructor are quadratic in leaves per level, and each script check costs a hash of the whole
 * transaction).
 */
export const BEEF_LIMITS = {
  /** Transactions in the BEEF (the payment and its ancestors). */
  maxTransactions: 64,
  /** Merkle paths (BUMPs) in the BEEF. */
  maxMerklePaths: 32,
  /** Levels of one merkle path (a block of 2^64 transactions does not exist). */
  maxTreeHeight: 64,
  /** Leaves on one level of one merkle path. */
  maxLeavesPerLevel: 64,
  /** Inputs, and outputs, of one transaction. */
  maxInputsPerTransaction: 500,
  maxOutputsPerTransaction: 5000,
  /** Unproven transactions (the payment and unmined ancestors) whose scripts are checked. */
  maxUnprovenTransactions: 8,
  /** Script checks (inputs of unproven transactions) for one payment. */
  maxScriptChecks: 100,
  /** Distinct (height, merkle root) pairs asked of the chain tracker for one payment. */
  maxRootsPerPayment: 8,
} as const;
