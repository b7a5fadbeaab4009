import type { NextFunction, Response } from 'express';
import { HANDSHAKE_PATH } from '../../auth/brc104/brc104.middleware';
import { HttpRequest } from './http-request';
import { sendJsonError } from './send-json-error';

export interface BodyLimits {
  /** Largest body of any route. */
  maxBytes: number;
  /** Largest handshake body (POST /.well-known/auth): a few KB, refused before any parsing. */
  handshakeMaxBytes: number;
  /** An over-limit body is read and discarded up to this many more bytes... */
  drainMaxBytes: number;
  /** ...or for this long, before the 413 goes out and the connection is closed. */
  drainMs: number;
}

/**
 * Reads the body as raw bytes, bounded by the limits. BRC-104 signs the exact bytes the client
 * sent, so nothing may parse (and re-serialise) the body before the signature is checked.
 *
 * An over-limit body is drained (read and thrown away, within a byte and a time cap) before the
 * 413 is written: a client still uploading when the server answers and closes sees a reset
 * instead of the answer (Node's fetch among them), so the 413 waits for the upload to end.
 */
export function rawBodyMiddleware(limits: BodyLimits) {
  const refuse = (req: HttpRequest, res: Response, limit: number, drain: boolean) => {
    let drained = 0;
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', answer);
      req.removeListener('error', answer);
      // Whatever is still coming is not read: pause so it is not buffered either.
      req.pause();
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
    };
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > limits.drainMaxBytes) answer();
    };
    const timer = setTimeout(answer, drain ? limits.drainMs : 0);
    req.on('data', onData);
    req.once('end', answer);
    req.once('error', answer);
    req.resume();
  };

  return (req: HttpRequest, res: Response, next: NextFunction): void => {
    const limit =
      req.method === 'POST' && req.path === HANDSHAKE_PATH
        ? Math.min(limits.handshakeMaxBytes, limits.maxBytes)
        : limits.maxBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      // More than the drain cap would never be read whole: answer at once.
      refuse(req, res, limit, declared <= limits.drainMaxBytes);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        req.removeListener('data', onData);
        refuse(req, res, limit, true);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
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
