import { request } from 'node:http';
import { HttpReply } from './http-reply';

export interface RawHttpRequest {
  method: string;
  /** Request target exactly as sent (path and query), not normalised by a URL parser. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Thrown when Node itself refuses to send the request (invalid characters): not a server fault. */
export class Unsendable extends Error {}

/** One HTTP/1.1 request with the exact target and bytes given; bounded by `timeoutMs`. */
export function sendRaw(url: string, r: RawHttpRequest, timeoutMs = 10000): Promise<HttpReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = request({
        host: hostname,
        port,
        method: r.method,
        path: r.target,
        headers: { ...r.headers, 'content-length': String(r.body?.length ?? 0) },
        agent: false,
        timeout: timeoutMs,
      });
    } catch (error) {
      reject(new Unsendable(String(error)));
      return;
    }
    req.on('timeout', () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.end(r.body);
  });
}
