import type { OpenAPIObject } from '@nestjs/swagger';
import type { PathItemObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { HANDSHAKE_PATH } from '../../auth/brc104/brc104.middleware';
import { ErrorCode } from '../../common/errors/error-codes';
import { COMPRESSED_PUBLIC_KEY } from '../../common/validation/protocol-formats';

const base64 = (description: string) => ({ type: 'string', format: 'byte', description });
const identityKey = {
  type: 'string',
  pattern: COMPRESSED_PUBLIC_KEY.source,
  description: 'Compressed secp256k1 public key, hex',
};
const requestedCertificates = {
  type: 'object',
  description: 'Certificates asked of the peer; this server asks for none',
  properties: {
    certifiers: { type: 'array', items: { type: 'string' } },
    types: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
};
const error = (code: ErrorCode, description: string) => ({
  description,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ErrorResponseDto' },
      example: { status: 'error', code, description },
    },
  },
});

/**
 * The BRC-103 handshake is answered by the BRC-104 middleware, not by a controller, so Nest's
 * scanner never sees it; described here by hand, next to the middleware's own constants.
 */
const HANDSHAKE: PathItemObject = {
  post: {
    tags: ['authentication'],
    summary: 'Start a BRC-103/104 session (mutual authentication handshake)',
    description:
      'Public, always at the origin root (also with ROUTING_PREFIX). The client sends its ' +
      'identity key and a session nonce; the server answers with its own identity key and nonce ' +
      'and a signature over both nonces. Later requests are signed with x-bsv-auth-* headers ' +
      'against this session. Rate-limited per client IP (RATE_LIMIT_HANDSHAKES_PER_IP).',
    operationId: 'handshake',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['version', 'messageType', 'identityKey', 'initialNonce'],
            properties: {
              version: { type: 'string', example: '0.1' },
              messageType: { type: 'string', enum: ['initialRequest'] },
              identityKey,
              initialNonce: base64('The client session nonce'),
              requestedCertificates,
            },
          },
        },
      },
    },
    responses: {
      '200': {
        description: 'Session established',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                version: { type: 'string', example: '0.1' },
                messageType: { type: 'string', enum: ['initialResponse'] },
                identityKey,
                initialNonce: base64('The server session nonce'),
                yourNonce: base64("The client's nonce, echoed"),
                requestedCertificates,
                signature: {
                  type: 'array',
                  items: { type: 'integer', minimum: 0, maximum: 255 },
                  description: 'DER signature over both nonces, as bytes',
                },
              },
            },
          },
        },
      },
      '400': error(
        'ERR_INVALID_AUTH_MESSAGE',
        'Not a valid handshake (also ERR_INVALID_JSON for a body that is not JSON)',
      ),
      '413': error('ERR_PAYLOAD_TOO_LARGE', 'Body larger than MAX_BODY_BYTES'),
      '429': error('ERR_TOO_MANY_REQUESTS', 'Too many handshakes from this IP; see Retry-After'),
    },
  },
};

export function addHandshakePath(document: OpenAPIObject): OpenAPIObject {
  document.paths = { [HANDSHAKE_PATH]: HANDSHAKE, ...document.paths };
  return document;
}
