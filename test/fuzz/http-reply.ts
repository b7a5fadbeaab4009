import { isCataloguedCode } from './error-catalogue';
import { fail } from './property-failure';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * The properties every reply to client input must have: no 5xx, and every refusal a 4xx JSON
 * error envelope whose code is one the server catalogues.
 */
export function assertClientReply(reply: HttpReply, what: string): void {
  const text = reply.body.toString('utf8');
  if (reply.status >= 500) fail(`${what}: status ${reply.status}: ${text.slice(0, 300)}`);
  if (reply.status < 400) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail(`${what}: ${reply.status} without a JSON body: ${text.slice(0, 200)}`);
  }
  const body = parsed as { status?: unknown; code?: unknown; description?: unknown };
  if (body.status !== 'error' || typeof body.description !== 'string') {
    fail(`${what}: ${reply.status} body is not an error envelope: ${text.slice(0, 200)}`);
  }
  if (!isCataloguedCode(body.code)) {
    fail(`${what}: ${reply.status} with uncatalogued code ${String(body.code)}`);
  }
}

/** The same for an error object carried in a socket ack. */
export function assertClientErrorObject(value: unknown, what: string): void {
  const body = value as { status?: unknown; code?: unknown };
  if (body?.status !== 'error') return;
  if (body.code === 'ERR_INTERNAL' || !isCataloguedCode(body.code)) {
    fail(`${what}: error ack with code ${String(body.code)}`);
  }
}
