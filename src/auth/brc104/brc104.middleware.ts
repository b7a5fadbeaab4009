import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { AppError } from '../../common/errors/app-error';
import { toErrorReply } from '../../common/errors/error-body';
import { HttpRequest } from '../../common/http/http-request';
import { sendJsonError } from '../../common/http/send-json-error';
import { AuthFailureReason, sendAuthFailure } from './auth-failure';
import { hasAuthHeaders } from './auth-headers';
import { HandshakeService } from './handshake.service';
import { RequestVerifier } from './request-verifier';
import { ResponseSigner } from './response-signer';
import { describeErrorWithStack } from '../../common/errors/describe-error';

export const HANDSHAKE_PATH = '/.well-known/auth';

/**
 * The BRC-104 layer, an Express-level middleware registered in configureApp() after the raw body
 * reader and before JSON parsing. It answers handshakes at the origin root, verifies signed
 * requests against their raw bytes and hooks their responses for signing. Requests without auth
 * headers pass through unauthenticated; the global AuthGuard refuses them on non-public routes.
 */
@Injectable()
export class Brc104Middleware {
  private readonly logger = new Logger('Auth');
  /** Failures by reason since start (exposed for metrics). */
  readonly failures = new Map<AuthFailureReason, number>();

  constructor(
    private readonly handshake: HandshakeService,
    private readonly verifier: RequestVerifier,
    private readonly signer: ResponseSigner,
  ) {}

  readonly handle = (req: HttpRequest, res: Response, next: NextFunction): void => {
    this.dispatch(req, res, next).catch((error: unknown) => {
      // Unsigned: no session could be known (e.g. the session store is unreachable).
      const reply = toErrorReply(error);
      if (reply.unexpected) {
        this.logger.error(describeErrorWithStack(error));
      }
      if (!res.headersSent) sendJsonError(res, reply.status, reply.body, reply.headers);
    });
  };

  private async dispatch(req: HttpRequest, res: Response, next: NextFunction): Promise<void> {
    const raw = req.rawBody ?? Buffer.alloc(0);
    if (req.method === 'POST' && req.originalUrl.split('?')[0] === HANDSHAKE_PATH) {
      await this.answerHandshake(raw, res, req.ip ?? 'unknown');
      return;
    }
    if (!hasAuthHeaders(req.headers)) {
      next();
      return;
    }
    const result = await this.verifier.verify(req, raw);
    if (!result.ok) {
      this.failures.set(result.reason, (this.failures.get(result.reason) ?? 0) + 1);
      this.logger.debug(`Refused ${req.method} ${req.originalUrl}: ${result.reason}`);
      sendAuthFailure(res);
      return;
    }
    this.signer.install(res, result);
    if (result.storeFailure !== undefined) {
      // The caller is proven but the store is down: a signed 503 the client can read.
      const reply = toErrorReply(result.storeFailure);
      sendJsonError(res, reply.status, reply.body, reply.headers);
      return;
    }
    req.auth = { identityKey: result.session.peerIdentityKey, sessionNonce: result.sessionNonce };
    next();
  }

  private async answerHandshake(raw: Buffer, res: Response, clientIp: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(raw.toString('utf8'));
    } catch {
      const reply = toErrorReply(
        new AppError('ERR_INVALID_JSON', 'The handshake body is not valid JSON.'),
      );
      sendJsonError(res, reply.status, reply.body);
      return;
    }
    try {
      res.status(200).json(await this.handshake.respond(message, clientIp));
    } catch (error) {
      const reply = toErrorReply(error);
      if (reply.unexpected) throw error;
      sendJsonError(res, reply.status, reply.body, reply.headers);
    }
  }
}
