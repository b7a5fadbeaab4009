import { ConfigService } from '@nestjs/config';
import { Brc104Middleware } from './auth/brc104/brc104.middleware';
import { NestExpressApplication } from '@nestjs/platform-express';
import { corsMiddleware } from './common/http/cors.middleware';
import { jsonBodyMiddleware } from './common/http/json-body.middleware';
import { rawBodyMiddleware } from './common/http/raw-body.middleware';
import { EnvironmentVariables } from './config/environment-variables';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

/** Public routes that stay at the origin root even with ROUTING_PREFIX. */
export const ROOT_ROUTES = ['health'];

/**
 * HTTP wiring shared by main.ts and the e2e tests. Order matters: CORS answers preflights before
 * anything else, the raw body is read before BRC-104 verification (which signs raw bytes), JSON
 * is parsed only after it, so even a malformed-JSON error reaches the client signed.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(corsMiddleware);
  app.use(rawBodyMiddleware(config.get('MAX_BODY_BYTES', { infer: true })));
  app.use(app.get(Brc104Middleware).handle);
  app.use(jsonBodyMiddleware);
  const prefix = config.get('ROUTING_PREFIX', { infer: true });
  if (prefix) app.setGlobalPrefix(prefix, { exclude: ROOT_ROUTES });
  // Socket.IO stays at /socket.io/ on the origin root whatever the prefix (REALTIME.md §1).
  if (config.get('ENABLE_WEBSOCKETS', { infer: true })) {
    app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  }
  return app;
}
