import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors/app-error';
import { HttpRequest } from '../common/http/http-request';
import { AUTH_FAILED_MESSAGE } from './brc104/auth-failure';
import { IS_PUBLIC } from './public.decorator';

/** Global guard: every HTTP route needs a verified identity unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    // Sockets authenticate in their own gateway; this guard is for HTTP only.
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (context.switchToHttp().getRequest<HttpRequest>().auth?.identityKey) return true;
    throw new AppError('UNAUTHORIZED', AUTH_FAILED_MESSAGE, { message: AUTH_FAILED_MESSAGE });
  }
}
