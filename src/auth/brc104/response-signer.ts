import { Injectable, Logger } from '@nestjs/common';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { CryptoProvider } from '../crypto/crypto-provider';
import { AuthSession } from '../sessions/auth-session';
import { AUTH_HEADERS, AUTH_VERSION } from './auth-headers';
import { signForPeer } from './peer-signatures';
import { responsePayload, signedResponseHeaders } from './signed-payloads';
import { describeError } from '../../common/errors/describe-error';

export interface SigningContext {
  session: AuthSession;
  requestId: Uint8Array;
  requestIdB64: string;
}

type Callback = (error?: Error | null) => void;

const toBuffer = (chunk: unknown, encoding?: BufferEncoding): Buffer =>
  Buffer.isBuffer(chunk)
    ? chunk
    : chunk instanceof Uint8Array
      ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      : Buffer.from(String(chunk), encoding ?? 'utf8');

/**
 * Signs every response of an authenticated request, whatever wrote it (controller return, void,
 * exception filter, 404, 204, streams): it hooks the Node-level writeHead/write/end of that one
 * response, buffers the body, and signs status, x-bsv-* headers and body with the session the
 * request came from (docs/protocol/auth.md#responses-are-signed-for-the-requests-session). Other headers pass through untouched (docs/protocol/auth.md#every-response-path-is-signed).
 */
@Injectable()
export class ResponseSigner {
  private readonly logger = new Logger('ResponseSigner');

  constructor(private readonly crypto: CryptoProvider) {}

  install(res: ServerResponse, ctx: SigningContext): void {
    const original = {
      writeHead: res.writeHead.bind(res),
      write: res.write.bind(res),
      end: res.end.bind(res),
      flush: res.flushHeaders.bind(res),
    };
    const chunks: Buffer[] = [];
    const restore = () => {
      res.writeHead = original.writeHead;
      res.write = original.write;
      res.end = original.end;
      res.flushHeaders = original.flush;
    };

    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      res.statusCode = status;
      const headers = rest.find((r) => typeof r === 'object' && r !== null) as
        OutgoingHttpHeaders | Array<string> | undefined;
      if (typeof rest[0] === 'string') res.statusMessage = rest[0];
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
      } else if (headers) {
        for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
      }
      return res;
    };

    res.flushHeaders = () => undefined;

    res.write = function (chunk: unknown, encodingOrCb?: unknown, cb?: unknown): boolean {
      const encoding =
        typeof encodingOrCb === 'string' ? (encodingOrCb as BufferEncoding) : undefined;
      if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      const done = (typeof encodingOrCb === 'function' ? encodingOrCb : cb) as Callback | undefined;
      if (done) process.nextTick(done);
      return true;
    } as ServerResponse['write'];

    res.end = ((chunk?: unknown, encodingOrCb?: unknown, cb?: unknown): ServerResponse => {
      let done = (
        typeof chunk === 'function' ? chunk : typeof encodingOrCb === 'function' ? encodingOrCb : cb
      ) as Callback | undefined;
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
        const encoding =
          typeof encodingOrCb === 'string' ? (encodingOrCb as BufferEncoding) : undefined;
        chunks.push(toBuffer(chunk, encoding));
      }
      restore();
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      this.sign(res, ctx, body).then(
        () => this.finish(res, body, done),
        (error: unknown) => {
          this.logger.error(`Response signing failed: ${describeError(error)}`);
          done = undefined;
          this.failUnsigned(res);
        },
      );
      return res;
    }) as ServerResponse['end'];
  }

  private async sign(res: ServerResponse, ctx: SigningContext, body: Buffer): Promise<void> {
    const payload = responsePayload(
      ctx.requestId,
      res.statusCode,
      signedResponseHeaders(res.getHeaders()),
      body,
    );
    const { peerIdentityKey: identityKey, peerNonce } = ctx.session;
    const { nonce, signature } = await signForPeer(
      this.crypto,
      { identityKey, peerNonce },
      payload,
    );
    res.setHeader(AUTH_HEADERS.version, AUTH_VERSION);
    res.setHeader(AUTH_HEADERS.identityKey, this.crypto.identityKey);
    res.setHeader(AUTH_HEADERS.nonce, nonce);
    res.setHeader(AUTH_HEADERS.yourNonce, ctx.session.peerNonce);
    res.setHeader(AUTH_HEADERS.signature, Buffer.from(signature).toString('hex'));
    res.setHeader(AUTH_HEADERS.requestId, ctx.requestIdB64);
  }

  private finish(res: ServerResponse, body: Buffer, done?: Callback): void {
    res.removeHeader('transfer-encoding');
    if (res.statusCode !== 204 && res.statusCode !== 304)
      res.setHeader('content-length', body.length);
    if (done) res.end(body, done);
    else res.end(body);
  }

  /** Never a response with auth headers but no valid signature: that would hang the client. */
  private failUnsigned(res: ServerResponse): void {
    for (const name of Object.values(AUTH_HEADERS)) res.removeHeader(name);
    const body = Buffer.from(
      JSON.stringify({
        status: 'error',
        code: 'ERR_RESPONSE_SIGNING_FAILED',
        description: 'Response signing failed.',
      }),
    );
    res.statusCode = 500;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', body.length);
    res.end(body);
  }
}
