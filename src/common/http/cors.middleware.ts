import type { NextFunction, Request, Response } from 'express';

/**
 * Wildcard CORS as the reference server (docs/protocol/http-api.md#cors): no cookies are used, and browser
 * clients must be able to read the x-bsv-auth-* headers. Preflights are answered here, before auth.
 */
export function corsMiddleware(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', '*');
  res.setHeader('Access-Control-Allow-Methods', '*');
  res.setHeader('Access-Control-Expose-Headers', '*');
  res.setHeader('Access-Control-Allow-Private-Network', 'true');
  if (req.method === 'OPTIONS') {
    res.statusCode = 200;
    res.setHeader('Content-Length', '0');
    res.end();
    return;
  }
  next();
}
