import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { HttpRequest } from '../common/http/http-request';

/**
 * The verified identity of the request, or 401 `ERR_AUTH_REQUIRED` when there is none: only
 * reached on a route marked public by mistake, since the guard refuses unauthenticated requests
 * first (docs/protocol/http-api.md#handler-level-identity-check).
 */
export function identityKeyOf(ctx: ExecutionContext): string {
  const identityKey = ctx.switchToHttp().getRequest<HttpRequest>().auth?.identityKey;
  if (!identityKey) throw new AppError('ERR_AUTH_REQUIRED', 'Authentication is required.');
  return identityKey;
}

/**
 * The caller's identity key, as proven by the request's BRC-104 signature (the session's key,
 * never a claimed header). Only valid on authenticated routes.
 */
export const IdentityKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  identityKeyOf(ctx),
);
