import type { Request } from 'express';
import { HANDSHAKE_PATH } from '../../auth/brc104/brc104.middleware';
import { knownRouteOf } from './known-routes';

/**
 * The route template of a request, never its raw path: raw paths would give every probe of a
 * random URL its own time series. Requests answered before routing are matched against the
 * app's route table; only paths the app does not serve are `unmatched`.
 */
export function routeOf(req: Request): string {
  // Express types req.route as any; it is set once a route matched.
  const route = (req as { route?: unknown }).route;
  const path =
    typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  const requested = req.originalUrl.split('?')[0];
  if (requested === HANDSHAKE_PATH) return HANDSHAKE_PATH;
  return knownRouteOf(req.app, req.method, requested) ?? 'unmatched';
}
