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
