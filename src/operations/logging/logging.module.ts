import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { PINO_LOGGER } from './logging.tokens';
import { PinoLoggerModule } from './pino-logger.module';

/**
 * nestjs-pino for Nest's own Logger calls (main.ts installs it with app.useLogger) and for the
 * per-request context. Its HTTP middleware would run after the BRC-104 layer, so the request
 * logger is installed by configureApp() instead (`useExisting`). Global on purpose: logging is
 * infrastructure every module may use, and hides no dependency between product modules.
 */
@Global()
@Module({
  imports: [
    PinoLoggerModule,
    LoggerModule.forRootAsync({
      imports: [PinoLoggerModule],
      inject: [PINO_LOGGER],
      // No per-request middleware (forRoutes: []): the request line comes from
      // requestLoggerMiddleware, and binding a logger per request would switch on
      // AsyncLocalStorage's promise hooks, a cost on every promise of every request.
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
    }),
  ],
  exports: [PinoLoggerModule],
})
export class LoggingModule {}
