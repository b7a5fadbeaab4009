import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DestinationStream, Logger } from 'pino';
import { EnvironmentVariables } from '../config/environment-variables';
import { createPinoLogger } from './create-pino-logger';
import { LOG_DESTINATION, PINO_LOGGER } from './logging.tokens';

/** The single pino instance of the app, shared by nestjs-pino and the request logger. */
@Module({
  providers: [
    { provide: LOG_DESTINATION, useValue: undefined },
    {
      provide: PINO_LOGGER,
      inject: [ConfigService, LOG_DESTINATION],
      useFactory: (
        config: ConfigService<EnvironmentVariables, true>,
        destination: DestinationStream | undefined,
      ): Logger =>
        createPinoLogger(
          {
            LOG_LEVEL: config.get('LOG_LEVEL', { infer: true }),
            LOG_FORMAT: config.get('LOG_FORMAT', { infer: true }),
            NODE_ENV: config.get('NODE_ENV', { infer: true }),
          },
          destination,
        ),
    },
  ],
  exports: [PINO_LOGGER],
})
export class PinoLoggerModule {}
