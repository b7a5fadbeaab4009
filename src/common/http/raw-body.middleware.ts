import type { NextFunction, Response } from 'express';
import { HttpRequest } from './http-request';
import { sendJsonError } from './send-json-error';

/**
 * Reads the body as raw bytes, bounded by `limit`. BRC-104 signs the exact bytes the client sent,
 * so nothing may parse (and re-serialise) the body before the signature is checked.
 */
export function rawBodyMiddleware(limit: number) {
  const tooLarge = (res: Response) =>
    sendJsonError(
      res,
      413,
      {
        status: 'error',
        code: 'ERR_PAYLOAD_TOO_LARGE',
        description: `Request body exceeds the limit of ${limit} bytes.`,
      },
      { Connection: 'close' },
    );

  return (req: HttpRequest, res: Response, next: NextFunction): void => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      tooLarge(res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        tooLarge(res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      req.rawBody = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      next();
    });
    req.on('error', () => {
      failed = true;
    });
  };
}
