import { youngGenerationMayGrow } from './startup-heap';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PrivateKey } from '@bsv/sdk';
import type { Logger as PinoLogger } from 'pino';
import { ConfigError } from './config/config-error';
import { configurationOf, ServerConfig } from './config/configuration';
import { DbDriver, EnvironmentVariables } from './config/environment-variables';
import { LoadedEnvironment, loadEnvironment } from './config/load-environment';
import { createPinoLogger, flushStdoutLogs } from './operations/logging/create-pino-logger';
import { NestPinoLogger } from './operations/logging/nest-pino-logger';
import { describeError } from './common/errors/describe-error';

function loadOrExit(): LoadedEnvironment {
  try {
    return loadEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * A failed start: one readable line on stderr for the person at the terminal, and the error with
 * its stack as one log line (JSON when JSON is chosen) for the log pipeline.
 */
function failStartup(logger: PinoLogger | undefined, error: unknown): never {
  const message = describeError(error);
  process.stderr.write(`Start-up failed: ${message.split('\n')[0]}\n`);
  logger?.fatal({ err: error }, 'Start-up failed');
  flushStdoutLogs();
  process.exit(1);
}

/** Handles held for the life of the process (a collected lock handle would release the lock). */
const heldForLife: unknown[] = [];

/** A second process on the same SQLite file would lose live deliveries silently: refuse it. */
async function lockSqliteOrExit(env: EnvironmentVariables): Promise<void> {
  if (env.DB_DRIVER !== DbDriver.Sqlite || env.DB_SOURCE === ':memory:') return;
  const { lockSqliteFile, SqliteLockedError } = await import('./database/sqlite-instance-lock');
  try {
    heldForLife.push(await lockSqliteFile(env.DB_SOURCE));
  } catch (error) {
    if (!(error instanceof SqliteLockedError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

function handleSignals(app: NestExpressApplication, server: ServerConfig, log: Logger): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.log(
      `${signal} received: not ready, draining for ${server.shutdownDrainMs / 1000} s, then ` +
        'finishing in-flight requests and shutting down',
    );
    void import('./operations/lifecycle/close-gracefully')
      .then(({ closeGracefully }) =>
        closeGracefully(app, server.shutdownGraceMs, server.shutdownDrainMs),
      )
      .then(
        () => {
          log.log('Stopped');
          flushStdoutLogs();
          process.exit(0);
        },
        (error: unknown) => {
          log.error(describeError(error));
          flushStdoutLogs();
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

async function bootstrap(): Promise<void> {
  const { env, generatedKeyFile } = loadOrExit();
  // The process's logger exists before any module code runs, so even the first line is in the
  // configured format, and Nest's own messages go through it from the start.
  const pino = createPinoLogger(env);
  const nestLogger = new NestPinoLogger(pino);
  Logger.overrideLogger(nestLogger);
  try {
    await lockSqliteOrExit(env);
    // Imported after validation so that no module code runs on a bad configuration.
    const { AppModule } = await import('./app.module');
    const { configureApp } = await import('./app.setup');
    const { startupSummary, summaryMessage } = await import('./startup-summary');
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
      bodyParser: false,
      logger: nestLogger,
      // Let start-up errors reach the catch below instead of aborting the process.
      abortOnError: false,
    });
    configureApp(app);
    const log = new Logger('Bootstrap');
    if (generatedKeyFile)
      log.warn(`No SERVER_PRIVATE_KEY set: generated one in ${generatedKeyFile}`);
    const server = configurationOf(env).server;
    handleSignals(app, server, log);
    await app.listen(server.port, server.host);
    youngGenerationMayGrow();
    const identityKey = PrivateKey.fromHex(server.privateKey).toPublicKey().toString();
    const summary = startupSummary(app, env, identityKey);
    pino.info({ context: 'Bootstrap', ...summary }, summaryMessage(summary));
  } catch (error) {
    failStartup(pino, error);
  }
}

bootstrap().catch((error: unknown) => failStartup(undefined, error));
