import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { CryptoProvider } from '../crypto/crypto-provider';
import { AuthSession } from '../sessions/auth-session';
import { SessionStore } from '../sessions/session-store';
import { AuthFailureReason } from './auth-failure';
import { AUTH_HEADERS, AUTH_VERSION } from './auth-headers';
import { verifyFromPeer } from './peer-signatures';
import { RecentSessions } from './recent-sessions';
import { requestPayload, signedRequestHeaders } from './signed-payloads';

export type Verification =
  | {
      ok: true;
      session: AuthSession;
      sessionNonce: string;
      requestId: Uint8Array;
      requestIdB64: string;
      /**
       * Set when the session store failed: the signature was verified against a session this
       * instance remembers, so the caller can answer a signed 503, and must not serve the request.
       */
      storeFailure?: unknown;
    }
  | { ok: false; reason: AuthFailureReason };

const fail = (reason: AuthFailureReason): Verification => ({ ok: false, reason });
const MAX_FIELD = 256;

/** Splits the request target as sent into pathname and search (with "?"), without normalising. */
export function splitTarget(target: string): { path: string; search: string } {
  const q = target.indexOf('?');
  if (q < 0) return { path: target, search: '' };
  const search = target.slice(q);
  return { path: target.slice(0, q), search: search === '?' ? '' : search };
}

/**
 * Verifies a BRC-104 general request (docs/protocol/auth.md#request-verification, "correct verification"): the caller is the
 * session's key, never the claimed header (docs/protocol/auth.md#identity-comes-from-the-session); the signature covers the raw body bytes (docs/protocol/auth.md#raw-body-bytes-are-verified);
 * a nonce is accepted once per session (docs/protocol/auth.md#replay-protection).
 */
@Injectable()
export class RequestVerifier {
  private readonly recent = new RecentSessions();

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly sessions: SessionStore,
  ) {}

  async verify(
    req: IncomingMessage & { originalUrl?: string },
    rawBody: Uint8Array,
  ): Promise<Verification> {
    const h = req.headers;
    const version = h[AUTH_HEADERS.version];
    const claimed = h[AUTH_HEADERS.identityKey];
    const nonce = h[AUTH_HEADERS.nonce];
    const sessionNonce = h[AUTH_HEADERS.yourNonce];
    const signatureHex = h[AUTH_HEADERS.signature];
    const requestIdB64 = h[AUTH_HEADERS.requestId];
    const fields = [version, claimed, nonce, sessionNonce, signatureHex, requestIdB64];
    if (!fields.every((f): f is string => typeof f === 'string' && f.length > 0)) {
      return fail('missing_headers');
    }
    if (version !== AUTH_VERSION) return fail('bad_version');
    if (
      fields.some((f) => f.length > MAX_FIELD) ||
      !/^([0-9a-fA-F]{2})+$/.test(signatureHex as string)
    ) {
      return fail('malformed_headers');
    }
    const requestId = Buffer.from(requestIdB64 as string, 'base64');
    if (requestId.length !== 32) return fail('malformed_headers');

    let storeFailure: unknown;
    let session: AuthSession | undefined;
    try {
      session = await this.sessions.get(sessionNonce as string);
    } catch (error) {
      // Without the recent copy no session can be known: the caller answers an unsigned 503.
      session = this.recent.recall(sessionNonce as string);
      if (!session) throw error;
      storeFailure = error;
    }
    if (!session) return fail('unknown_session');

    const { path, search } = splitTarget(req.originalUrl ?? req.url ?? '/');
    const refused = await verifyFromPeer(this.crypto, session, {
      claimedIdentityKey: claimed as string,
      nonce: nonce as string,
      sessionNonce: sessionNonce as string,
      data: requestPayload({
        requestId,
        method: req.method ?? 'GET',
        path,
        search,
        headers: signedRequestHeaders(h),
        body: rawBody,
      }),
      signature: Buffer.from(signatureHex as string, 'hex'),
    });
    if (refused) return fail(refused);
    const verified = {
      ok: true as const,
      session,
      sessionNonce: sessionNonce as string,
      requestId,
      requestIdB64: requestIdB64 as string,
    };
    if (storeFailure !== undefined) return { ...verified, storeFailure };
    // Only after the signature: junk requests must not fill the replay cache.
    try {
      if (!(await this.sessions.markNonceUsed(sessionNonce as string, nonce as string))) {
        return fail('replay');
      }
    } catch (error) {
      return { ...verified, storeFailure: error };
    }
    this.recent.remember(sessionNonce as string, session);
    return verified;
  }
}
