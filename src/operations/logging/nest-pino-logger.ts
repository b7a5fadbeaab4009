import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's own start-up chatter (one line per module and per route) is useful when debugging the
 * wiring and noise otherwise: at the default level it is logged at debug, so `LOG_LEVEL=debug`
 * still shows it.
 */
const FRAMEWORK_NOISE = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'WebSocketsController',
]);

/** main.ts reports a failed start itself (one line and the error); Nest's copy is for debugging. */
const REPORTED_BY_MAIN = 'ExceptionHandler';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Splits Nest's `(message, ...params, context?)` call shape into a pino call. */
function write(logger: Logger, level: Level, message: unknown, params: unknown[]): void {
  const rest = [...params];
  const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
  const fields: Record<string, unknown> = context ? { context } : {};
  if (level === 'info' && context && FRAMEWORK_NOISE.has(context)) level = 'debug';
  if (level === 'error' && context === REPORTED_BY_MAIN) level = 'debug';
  // Nest's error(message, stack, context): keep the stack as a field, not as a second message.
  const stack = rest.find((p): p is string => typeof p === 'string' && /\n\s+at /.test(p));
  if (stack) fields.stack = stack;
  if (message instanceof Error) {
    logger[level]({ ...fields, err: message }, message.message);
  } else if (typeof message === 'object' && message !== null) {
    logger[level]({ ...fields, ...message });
  } else {
    logger[level](fields, String(message));
  }
}

/**
 * Nest's LoggerService on the process's pino logger. main.ts installs it before any module code
 * runs, so every line, the first one included, comes out in the configured format.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    write(this.logger, 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    write(this.logger, 'error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    write(this.logger, 'warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    write(this.logger, 'debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    write(this.logger, 'trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    write(this.logger, 'fatal', message, params);
  }
}
