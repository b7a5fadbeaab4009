import type { Server } from 'node:http';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { Brc104Middleware } from './auth/brc104/brc104.middleware';
import { answerClientErrors } from './common/http/client-error.handler';
import { corsMiddleware } from './common/http/cors.middleware';
import { jsonBodyMiddleware } from './common/http/json-body.middleware';
import { rawBodyMiddleware } from './common/http/raw-body.middleware';
import { LimitsConfig, ServerConfig } from './config/configuration';
import { BodyLimit } from './database/body-limit';
import { serveOpenApi } from './operations/docs/openapi.setup';
import { PINO_LOGGER } from './operations/logging/logging.tokens';
import { requestLoggerMiddleware } from './operations/logging/request-logger.middleware';
import { httpMetricsMiddleware } from './operations/metrics/http-metrics.middleware';
import { MetricsService } from './operations/metrics/metrics.service';
import { HandshakeRateLimiter } from './rate-limit/handshake-rate-limiter';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

/** Public routes that stay at the origin root even with ROUTING_PREFIX (probes and scrapers). */
export const ROOT_ROUTES = ['health', 'health/ready', 'metrics'];

/**
 * HTTP wiring shared by main.ts and the e2e tests. Order matters: the request log and metrics
 * come first so that every request is seen, whoever answers it; CORS answers preflights before
 * anything else; the raw body is read before BRC-104 verification (which signs raw bytes); the
 * handshake limiter sits just before the BRC-104 layer that answers handshakes; JSON is parsed
 * only after verification, so even a malformed-JSON error reaches the client signed.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get(ServerConfig);
  const limits = app.get(LimitsConfig);
  app.disable('x-powered-by');
  // Node's default lets a client take 5 minutes over one request: slow senders hold sockets.
  const server: Server = app.getHttpServer();
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.headersTimeoutMs, server.requestTimeout);
  // Node checks both timeouts on this timer (30 s by default), which would let them overrun.
  // The property exists at run time (it is read when the server starts listening) but is not
  // in @types/node.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.max(250, Math.min(5000, server.headersTimeout / 3));
  answerClientErrors(server);
  app.set('etag', false);
  // req.ip is the client's address only when the proxies in front are trusted (rate limits, logs).
  app.set('trust proxy', config.trustProxyHops);
  app.use(requestLoggerMiddleware(app.get<Logger>(PINO_LOGGER)));
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(corsMiddleware);
  app.use(
    rawBodyMiddleware({
      maxBytes: app.get(BodyLimit).maxBytes,
      handshakeMaxBytes: limits.handshakeMaxBodyBytes,
      drainMaxBytes: limits.bodyDrainMaxBytes,
      drainMs: limits.bodyDrainMs,
    }),
  );
  app.use(app.get(HandshakeRateLimiter).handle);
  app.use(app.get(Brc104Middleware).handle);
  app.use(jsonBodyMiddleware);
  const prefix = config.routingPrefix;
  if (prefix) app.setGlobalPrefix(prefix, { exclude: ROOT_ROUTES });
  // Socket.IO stays at /socket.io/ on the origin root whatever the prefix (docs/protocol/realtime.md#transport).
  if (config.enableWebsockets) {
    app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  }
  if (config.enableDocs) serveOpenApi(app);
  return app;
}
