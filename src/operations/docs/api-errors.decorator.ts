import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorCode } from '../../common/errors/error-codes';
import { ErrorResponseDto } from './error-response.dto';

/** Error codes a route can answer, by HTTP status. */
export type ErrorCodesByStatus = Record<number, readonly ErrorCode[]>;

/** Errors every route can answer, whatever it does (raised before or around the handler). */
const ANY_ROUTE: ErrorCodesByStatus = {
  413: ['ERR_PAYLOAD_TOO_LARGE'],
  500: ['ERR_INTERNAL'],
};

/** Errors of the BRC-104 layer, JSON parsing and the per-identity rate limit. */
const AUTHENTICATED_ROUTE: ErrorCodesByStatus = {
  400: ['ERR_INVALID_JSON'],
  401: ['UNAUTHORIZED', 'ERR_AUTH_REQUIRED'],
  415: ['ERR_UNSUPPORTED_MEDIA_TYPE'],
  429: ['ERR_TOO_MANY_REQUESTS'],
  500: ['ERR_RESPONSE_SIGNING_FAILED'],
};

function merge(...lists: ErrorCodesByStatus[]): Map<number, string[]> {
  const merged = new Map<number, string[]>();
  for (const list of lists) {
    for (const [status, codes] of Object.entries(list)) {
      const key = Number(status);
      merged.set(key, [...new Set([...(merged.get(key) ?? []), ...codes])]);
    }
  }
  return merged;
}

/**
 * One OpenAPI response per status listing every code it can carry. Swagger keeps a single
 * response per status, so codes from the route and the shared layers are merged first.
 */
function errorResponses(codes: Map<number, string[]>): MethodDecorator[] {
  return [...codes].map(([status, list]) =>
    ApiResponse({
      status,
      description: `Error envelope; code is one of: ${list.join(', ')}`,
      schema: {
        allOf: [
          { $ref: getSchemaPath(ErrorResponseDto) },
          { type: 'object', properties: { code: { type: 'string', enum: list } } },
        ],
      },
    }),
  );
}

/** Documents the errors of a public route (no BRC-104 needed). */
export function ApiPublicErrors(route: ErrorCodesByStatus = {}) {
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...errorResponses(merge(ANY_ROUTE, route)),
  );
}

/** Documents a BRC-104 authenticated route and every error code it can answer. */
export function ApiAuthenticatedErrors(route: ErrorCodesByStatus = {}) {
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ...errorResponses(merge(ANY_ROUTE, AUTHENTICATED_ROUTE, route)),
  );
}
