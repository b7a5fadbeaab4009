import type { NextFunction, Response } from 'express';
import { HttpRequest } from './http-request';
import { sendJsonError } from './send-json-error';

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType);

/**
 * Parses the raw body as JSON (the API is JSON only). Runs after authentication, so an error here
 * is a signed protocol error, never an HTML page the client cannot read.
 */
export function jsonBodyMiddleware(req: HttpRequest, res: Response, next: NextFunction): void {
  const raw = req.rawBody;
  if (!raw || raw.length === 0) {
    req.body = {};
    next();
    return;
  }
  if (!isJson(req.headers['content-type'])) {
    sendJsonError(res, 415, {
      status: 'error',
      code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
      description: 'Request bodies must be JSON (Content-Type: application/json).',
    });
    return;
  }
  try {
    req.body = JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    sendJsonError(res, 400, {
      status: 'error',
      code: 'ERR_INVALID_JSON',
      description: 'The request body is not valid JSON.',
    });
    return;
  }
  next();
}
