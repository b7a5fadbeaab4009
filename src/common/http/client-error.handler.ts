import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorBody } from '../errors/error-body';

type ParserError = Error & { code?: string };

/** What Node's own parser refusals become: the protocol's envelope instead of an empty body. */
function replyFor(error: ParserError): { status: number; body: ErrorBody } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      body: {
        status: 'error',
        code: 'ERR_HEADERS_TOO_LARGE',
        description: 'The request line or headers are too large.',
      },
    };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      body: {
        status: 'error',
        code: 'ERR_REQUEST_TIMEOUT',
        description: 'The request was not received in time.',
      },
    };
  }
  return {
    status: 400,
    body: { status: 'error', code: 'ERR_BAD_REQUEST', description: 'Malformed HTTP request.' },
  };
}

/**
 * Requests Node's HTTP parser refuses (unknown method, oversized or malformed headers) never reach
 * the app; by default Node answers them with an empty body. This answers them with the JSON error
 * envelope every other refusal has, then closes the connection (the parser state is lost).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: ParserError, socket: Duplex) => {
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, body } = replyFor(error);
    const payload = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
        'Connection: close\r\n\r\n' +
        payload,
    );
  });
}
