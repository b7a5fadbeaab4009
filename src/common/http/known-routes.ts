import type { Application } from 'express';

interface RouterLayer {
  route?: { path?: unknown; methods?: Record<string, boolean> };
}

/** `METHOD /path` → `/path` for every route the app serves (none of them has parameters). */
const cache = new WeakMap<Application, Map<string, string>>();

function routesOf(app: Application): Map<string, string> {
  const cached = cache.get(app);
  if (cached) return cached;
  const stack = (app as unknown as { router?: { stack?: RouterLayer[] } }).router?.stack ?? [];
  const routes = new Map<string, string>();
  for (const layer of stack) {
    const path = layer.route?.path;
    if (typeof path !== 'string') continue;
    for (const method of Object.keys(layer.route?.methods ?? {})) {
      routes.set(`${method.toUpperCase()} ${path}`, path);
    }
  }
  // Routes are registered when the app starts listening: remember only a complete table.
  if (routes.size > 0) cache.set(app, routes);
  return routes;
}

/**
 * The route a request was addressed to even when no handler ran: a request refused before
 * routing (bad signature, malformed JSON, rate limit) still counts under its real route.
 */
export function knownRouteOf(
  app: Application | undefined,
  method: string,
  path: string,
): string | undefined {
  if (!app) return undefined;
  return routesOf(app).get(`${method} ${path}`);
}
