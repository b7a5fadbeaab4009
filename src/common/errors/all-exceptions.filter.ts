import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorReply } from './error-body';
import { describeErrorWithStack } from './describe-error';

/** Every HTTP error leaves as `{status:'error', code, description}` JSON (docs/protocol/http-api.md#error-envelope). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const reply = toErrorReply(error);
    if (reply.unexpected) this.logger.error(describeErrorWithStack(error));
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.status(reply.status).json(reply.body);
  }
}
