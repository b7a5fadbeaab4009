import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { HttpRequest } from '../common/http/http-request';
import { routeOf } from '../metrics/http-metrics.middleware';

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
 * One line per request, written when the response has been sent: request id, method, route,
 * path, status, duration, client address and the caller's identity key once BRC-104 proved it.
 * Never headers, bodies or query strings (HTTP-API.md W13). Installed first, so even handshakes,
 * refused signatures and oversized bodies are logged.
 */
export function requestLoggerMiddleware(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    customProps: (req, res) => {
      const r = req as HttpRequest;
      return {
        method: r.method,
        route: routeOf(r),
        path: r.originalUrl.split('?')[0],
        status: res.statusCode,
        ip: r.ip,
        identityKey: r.auth?.identityKey,
      };
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (_req, _res, value: { durationMs?: number }) => ({
      durationMs: value.durationMs,
    }),
    customErrorObject: (_req, _res, _error, value: { durationMs?: number }) => ({
      durationMs: value.durationMs,
    }),
  });
}
