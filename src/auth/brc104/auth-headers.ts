/** BRC-104 header names (docs/protocol/auth.md#request-headers, docs/protocol/auth.md#response-headers). */
export const AUTH_HEADERS = {
  version: 'x-bsv-auth-version',
  identityKey: 'x-bsv-auth-identity-key',
  nonce: 'x-bsv-auth-nonce',
  yourNonce: 'x-bsv-auth-your-nonce',
  signature: 'x-bsv-auth-signature',
  requestId: 'x-bsv-auth-request-id',
} as const;

export const AUTH_VERSION = '0.1';

/** True when the request carries any BRC-104 header, i.e. it claims to be authenticated. */
export function hasAuthHeaders(headers: Record<string, unknown>): boolean {
  return Object.values(AUTH_HEADERS).some((name) => headers[name] !== undefined);
}
