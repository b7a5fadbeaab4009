export type PermissionStatus = 'blocked' | 'always_allow' | 'payment_required';

/** The status the protocol derives from a recipient fee: -1 blocked, 0 free, otherwise priced. */
export function permissionStatus(fee: number): PermissionStatus {
  if (fee === -1) return 'blocked';
  if (fee === 0) return 'always_allow';
  return 'payment_required';
}

export const BLOCKED_FEE = -1;
/** Fees are stored in a 32-bit signed column. */
export const MAX_FEE = 2147483647;

/** Of two recipient fees for one delivery, the stricter: blocked by either is blocked, else the higher. */
export function stricterRecipientFee(a: number, b: number): number {
  if (a === BLOCKED_FEE || b === BLOCKED_FEE) return BLOCKED_FEE;
  return Math.max(a, b);
}
