import { Module } from '@nestjs/common';
import type { DestinationStream, Logger } from 'pino';
import { LoggingConfig } from '../../config/configuration';
import { createPinoLogger } from './create-pino-logger';
import { LOG_DESTINATION, PINO_LOGGER } from './logging.tokens';

/** The single pino instance of the app, shared by nestjs-pino and the request logger. */
@Module({
  providers: [
    { provide: LOG_DESTINATION, useValue: undefined },
    {
      provide: PINO_LOGGER,
      inject: [LoggingConfig, LOG_DESTINATION],
      useFactory: (logging: LoggingConfig, destination: DestinationStream | undefined): Logger =>
        createPinoLogger(
          { LOG_LEVEL: logging.level, LOG_FORMAT: logging.format, NODE_ENV: logging.nodeEnv },
          destination,
        ),
    },
  ],
  exports: [PINO_LOGGER],
})
export class PinoLoggerModule {}
