import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import { HttpRequest } from '../../common/http/http-request';
import { routeOf } from '../../common/http/route-of';

/** A proxy's request id is kept when it looks like one, so lines correlate across hops. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * One line per request, written when the response has been sent (or the client went away):
 * request id, method, route, path, status, duration, client address and the caller's identity key
 * once BRC-104 proved it. Never headers, bodies or query strings (docs/protocol/http-api.md#logging-never-records-secrets). Installed
 * first, so even handshakes, refused signatures and oversized bodies are logged. A single pino
 * call per request: no per-request child logger or serializers, which cost more than the line.
 */
export function requestLoggerMiddleware(logger: Logger) {
  return (req: HttpRequest, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req, res);
    let logged = false;
    const log = (finished: boolean) => {
      if (logged) return;
      logged = true;
      const line = {
        requestId,
        method: req.method,
        route: routeOf(req),
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ip: req.ip,
        identityKey: req.auth?.identityKey,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
      if (!finished) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.warn(line, 'request failed');
      else logger.info(line, 'request completed');
    };
    res.once('finish', () => log(true));
    res.once('close', () => log(res.writableFinished));
    next();
  };
}
