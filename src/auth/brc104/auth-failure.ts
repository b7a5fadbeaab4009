import type { ServerResponse } from 'node:http';
import { sendJsonError } from '../../common/http/send-json-error';

/** Why a request failed authentication: logged and counted, never told to the client (docs/protocol/auth.md#failure-reasons-stay-in-the-logs). */
export type AuthFailureReason =
  | 'missing_headers'
  | 'bad_version'
  | 'malformed_headers'
  | 'unknown_session'
  | 'identity_mismatch'
  | 'bad_signature'
  | 'replay';

export const AUTH_FAILED_MESSAGE = 'Mutual-authentication failed!';

/**
 * 401 in the auth layer's shape, with no x-bsv-auth-* header: AuthFetch then treats the session
 * as stale, handshakes again and retries (docs/protocol/auth.md#refusals-are-unsigned-401s), where a half-signed reply would hang it.
 */
export function sendAuthFailure(res: ServerResponse): void {
  sendJsonError(res, 401, {
    status: 'error',
    code: 'UNAUTHORIZED',
    message: AUTH_FAILED_MESSAGE,
    description: AUTH_FAILED_MESSAGE,
  });
}
