import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppError } from '../common/errors/app-error';
import { HttpRequest } from '../common/http/http-request';

/**
 * The caller's identity key, as proven by the request's BRC-104 signature (the session's key,
 * never a claimed header). Only valid on authenticated routes.
 */
export const IdentityKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const identityKey = ctx.switchToHttp().getRequest<HttpRequest>().auth?.identityKey;
  if (!identityKey) throw new AppError('ERR_AUTH_REQUIRED', 'Authentication is required.', 401);
  return identityKey;
});
