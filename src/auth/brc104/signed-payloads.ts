import { ByteWriter } from './byte-writer';

export type HeaderPair = [name: string, value: string];

/**
 * Request headers covered by a BRC-104 signature (docs/protocol/auth.md#signed-request-payload): x-bsv-* except x-bsv-auth*,
 * content-type without parameters, and authorization; sorted like the client does.
 */
export function signedRequestHeaders(
  headers: Record<string, string | string[] | undefined>,
): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    const value = Array.isArray(rawValue) ? rawValue.join(', ') : rawValue;
    if (name.startsWith('x-bsv-') && !name.startsWith('x-bsv-auth')) out.push([name, value]);
    else if (name === 'authorization') out.push([name, value]);
    else if (name === 'content-type') out.push([name, value.split(';')[0].trim()]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Response headers covered by the signature (docs/protocol/auth.md#signed-response-payload): the same, but never content-type. */
export function signedResponseHeaders(
  headers: Record<string, number | string | string[] | undefined>,
): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    if ((name.startsWith('x-bsv-') && !name.startsWith('x-bsv-auth')) || name === 'authorization') {
      out.push([name, Array.isArray(rawValue) ? rawValue.join(', ') : String(rawValue)]);
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

function writeHeaders(writer: ByteWriter, headers: HeaderPair[]): void {
  writer.writeVarInt(headers.length);
  for (const [name, value] of headers) writer.writeString(name).writeString(value);
}

export interface RequestPayloadParts {
  requestId: Uint8Array;
  method: string;
  /** URL pathname as sent. */
  path: string;
  /** URL search including "?", or "" when there is none. */
  search: string;
  headers: HeaderPair[];
  /** The raw body bytes; empty means absent. */
  body: Uint8Array;
}

/** The exact bytes AuthFetch signs for a request (docs/protocol/auth.md#signed-request-payload), in parts. */
export function requestPayload(p: RequestPayloadParts): readonly Uint8Array[] {
  const writer = new ByteWriter().write(p.requestId).writeString(p.method);
  writer.writeString(p.path.length > 0 ? p.path : undefined);
  writer.writeString(p.search.length > 0 ? p.search : undefined);
  writeHeaders(writer, p.headers);
  writer.writeField(p.body.length > 0 ? p.body : undefined);
  return writer.toParts();
}

/**
 * The bytes the server signs for a response (docs/protocol/auth.md#signed-response-payload). An empty body is written as
 * varint(0), which is what AuthFetch rebuilds (the reference writes -1 and the client hangs: docs/protocol/auth.md#empty-body-encoding).
 */
export function responsePayload(
  requestId: Uint8Array,
  status: number,
  headers: HeaderPair[],
  body: Uint8Array,
): readonly Uint8Array[] {
  const writer = new ByteWriter().write(requestId).writeVarInt(status);
  writeHeaders(writer, headers);
  writer.writeVarInt(body.length).write(body);
  return writer.toParts();
}
