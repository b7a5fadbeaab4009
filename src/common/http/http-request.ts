import type { Request } from 'express';

/** The Express request as our middleware leaves it. */
export interface HttpRequest extends Request {
  /** The exact bytes of the body as received (what BRC-104 signatures cover); empty when none. */
  rawBody?: Buffer;
  /** Set by the BRC-104 layer once the request's signature verified. */
  auth?: { identityKey: string; sessionNonce: string };
}
