import { connect } from 'node:net';

export interface RawUploadResult {
  /** Errors seen while writing (EPIPE, ECONNRESET...): a client that sees one never reads the answer. */
  writeErrors: string[];
  /** Everything the server sent before the connection closed. */
  response: Buffer;
}

export interface ParsedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `head` and then every chunk of `body` at full speed over one TCP connection, without
 * waiting for an answer, the way an HTTP client uploads; resolves once the server has closed
 * the connection. Raw TCP so that nothing (no client library retry or error mapping) hides
 * whether the upload was cut short by a reset.
 */
export function rawUpload(url: string, head: string, body: Buffer[]): Promise<RawUploadResult> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const writeErrors: string[] = [];
    const received: Buffer[] = [];
    const noteError = (err: NodeJS.ErrnoException | null | undefined) => {
      if (err) writeErrors.push(err.code ?? err.message);
    };
    const socket = connect(Number(port), hostname, () => {
      socket.write(head, noteError);
      for (const chunk of body) socket.write(chunk, noteError);
    });
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', noteError);
    socket.once('close', () => resolve({ writeErrors, response: Buffer.concat(received) }));
  });
}

/** Parses one complete HTTP/1.1 response with a Content-Length; throws if it is incomplete. */
export function parseResponse(raw: Buffer): ParsedResponse {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response head in ${JSON.stringify(text)}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(end + 4);
  const length = Number(headers['content-length']);
  if (body.length !== length) {
    throw new Error(`response body of ${body.length} bytes, Content-Length ${length}`);
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}
