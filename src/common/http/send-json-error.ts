import type { ServerResponse } from 'node:http';
import { ErrorBody } from '../errors/error-body';

/** For middleware that answers before Nest's router (and its exception filter) is reached. */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  body: ErrorBody,
  extraHeaders: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}
