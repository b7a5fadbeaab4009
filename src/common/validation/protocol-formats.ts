/**
 * Formats and limits that several parsers share (send, permissions, payments, the admin CLI,
 * the crypto providers), written once so they cannot drift apart.
 */

/** A compressed secp256k1 public key in hex: 02 or 03, then the 32-byte x coordinate. */
export const COMPRESSED_PUBLIC_KEY = /^0[23][0-9a-fA-F]{64}$/;

/** A 32-byte private key in hex (SERVER_PRIVATE_KEY, the development key file). */
export const PRIVATE_KEY_HEX = /^[0-9a-fA-F]{64}$/;

/** Longest box name: the message_box columns are VARCHAR(255) (docs/protocol/limits.md#fixed-limits). */
export const MAX_BOX_NAME_LENGTH = 255;

/** A trimmed box name is 1 to MAX_BOX_NAME_LENGTH characters. */
export const isBoxNameLength = (box: string): boolean =>
  box.length > 0 && box.length <= MAX_BOX_NAME_LENGTH;
