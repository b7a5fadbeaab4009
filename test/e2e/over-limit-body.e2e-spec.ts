import { ServerProcess, startServer } from '../bench/server-process';
import { ensureFreshBuild } from '../helpers/fresh-build';
import { whileHealthy } from '../helpers/health-during';
import { parseResponse, rawUpload } from '../helpers/raw-upload';

// The default MAX_BODY_BYTES and the 21 MiB body of the review: large enough that the client is
// still uploading when the server sees the limit (docs/protocol/limits.md#configurable-limits).
const LIMIT = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 'x');
const CHUNKS = 21;
const TOO_LARGE = {
  status: 'error',
  code: 'ERR_PAYLOAD_TOO_LARGE',
  description: `Request body exceeds the limit of ${LIMIT} bytes.`,
};

function head(framing: string): string {
  return (
    'POST /sendMessage HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `${framing}\r\n\r\n`
  );
}

/**
 * 40 MiB as HTTP/1.1 chunks of 1 MiB, then the last chunk. Without a Content-Length the server
 * sees the limit only after 20 MiB have arrived: twice the limit leaves half the upload to come
 * (and stays under BODY_DRAIN_MAX_BYTES).
 */
function chunked(): Buffer[] {
  const size = Buffer.from(`${CHUNK.length.toString(16)}\r\n`);
  const parts: Buffer[] = [];
  for (let i = 0; i < 2 * CHUNKS - 2; i++) parts.push(size, CHUNK, Buffer.from('\r\n'));
  parts.push(Buffer.from('0\r\n\r\n'));
  return parts;
}

// Answering the 413 and closing while the client still uploads makes the client's writes fail
// (EPIPE/ECONNRESET) before it reads the answer: the server drains the body first. The built
// server runs as a process of its own: in the test's process, client and server share one event
// loop, and the server cannot answer while the client is still writing, which hides the race.
describe('an over-limit body is drained, then answered with 413 (dist/main.js)', () => {
  let t: ServerProcess;

  beforeAll(async () => {
    ensureFreshBuild();
    t = await startServer({
      DB_DRIVER: 'sqlite3',
      DB_SOURCE: ':memory:',
      MAX_BODY_BYTES: String(LIMIT),
    });
  }, 120000);
  afterAll(() => t.stop());

  it.each([
    [
      'with a Content-Length',
      `Content-Length: ${CHUNKS * CHUNK.length}`,
      () => Array(CHUNKS).fill(CHUNK) as Buffer[],
    ],
    ['chunked', 'Transfer-Encoding: chunked', chunked],
  ])(
    'lets a raw client upload its whole body %s and read the whole 413',
    async (_name, framing, body) => {
      const { writeErrors, response } = await rawUpload(t.url, head(framing), body());
      expect(writeErrors).toEqual([]);
      const res = parseResponse(response);
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toEqual(TOO_LARGE);
    },
  );

  it('answers 413 to each of 10 uploads of 21 MiB by Node’s fetch, never a reset', async () => {
    const body = Buffer.concat(Array(CHUNKS).fill(CHUNK) as Buffer[]);
    const { result: outcomes } = await whileHealthy(t.url, async () => {
      const seen: Array<number | string> = [];
      for (let i = 0; i < 10; i++) {
        try {
          const res = await fetch(`${t.url}/sendMessage`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          seen.push(res.status);
          expect(await res.json()).toEqual(TOO_LARGE);
        } catch (err) {
          // A reset: fetch fails with the socket's error as its cause.
          const cause = (err as { cause?: { code?: string } }).cause;
          seen.push(cause?.code ?? String(err));
        }
      }
      return seen;
    });
    expect(outcomes).toEqual(Array(10).fill(413));
  });
});
