import { createConnection } from 'node:net';
import { createTestApp, TestApp } from '../helpers/create-test-app';
import { testEnvironment } from '../helpers/test-environment';

/** Writes raw bytes to the server and reads everything it answers before closing. */
function exchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) }, () =>
      socket.write(bytes),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

const envelope = (reply: string) =>
  JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as unknown;

describe('requests refused by the HTTP parser', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(testEnvironment());
  });
  afterAll(() => t.close());

  it('answers headers over the limit with 431 and the JSON error envelope', async () => {
    const reply = await exchange(
      t.url,
      `GET /health?q=${'x'.repeat(20000)} HTTP/1.1\r\nHost: a\r\n\r\n`,
    );
    expect(reply.startsWith('HTTP/1.1 431 ')).toBe(true);
    expect(envelope(reply)).toEqual(
      expect.objectContaining({ status: 'error', code: 'ERR_HEADERS_TOO_LARGE' }),
    );
  });

  it('answers an unparseable request with 400 and the JSON error envelope', async () => {
    const reply = await exchange(t.url, 'BREW /health HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(reply.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(envelope(reply)).toEqual(
      expect.objectContaining({ status: 'error', code: 'ERR_BAD_REQUEST' }),
    );
  });
});
