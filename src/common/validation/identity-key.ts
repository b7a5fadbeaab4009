/**
 * Identity keys are compressed secp256k1 points, stored lowercase: the caller's authenticated
 * identity is lowercase, so a key stored in another form would be unreachable (docs/protocol/http-api.md#identity-keys).
 * Returns the normalised key, or undefined when the value is not a valid key.
 */
export function normaliseIdentityKey(
  value: unknown,
  isValidPublicKey: (hex: string) => boolean,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase();
  return isValidPublicKey(key) ? key : undefined;
}
