import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { HttpRequest } from '../common/http/http-request';
import { RateLimitedError, RequestBudget } from './request-budget';

/**
 * Per-identity and per-IP limits on authenticated HTTP routes, keyed by the key BRC-104 proved
 * and the client address. Unauthenticated requests are the AuthGuard's business, and the 429
 * goes through Nest, so the response signer signs it like any other reply.
 */
@Injectable()
export class IdentityThrottlerGuard implements CanActivate {
  constructor(private readonly budget: RequestBudget) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const identityKey = req.auth?.identityKey;
    if (!identityKey) return true;
    try {
      await this.budget.spend(identityKey, req.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof RateLimitedError) {
        context
          .switchToHttp()
          .getResponse<Response>()
          .setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    return true;
  }
}
