import { youngGenerationMayGrow } from './startup-heap';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PrivateKey } from '@bsv/sdk';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigError } from './config/config-error';
import { DbDriver } from './config/environment-variables';
import { LoadedEnvironment, loadEnvironment } from './config/load-environment';

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

/** Held for the life of the process (a collected handle would close and release the lock). */
let sqliteLock: unknown;

async function bootstrap(): Promise<void> {
  const { env, generatedKeyFile } = loadOrExit();
  if (env.DB_DRIVER === DbDriver.Sqlite && env.DB_SOURCE !== ':memory:') {
    const { lockSqliteFile, SqliteLockedError } = await import('./database/sqlite-instance-lock');
    try {
      sqliteLock = await lockSqliteFile(env.DB_SOURCE);
    } catch (error) {
      if (!(error instanceof SqliteLockedError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
  }
  // Imported after validation so that no module code runs on a bad configuration.
  const { AppModule } = await import('./app.module');
  const { configureApp } = await import('./app.setup');
  const { closeGracefully } = await import('./lifecycle/close-gracefully');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bodyParser: false,
    // Held until pino takes over, so start-up lines come out in the configured format.
    bufferLogs: true,
    // Let start-up errors reach the catch below instead of aborting the process.
    abortOnError: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  configureApp(app);
  const log = new Logger('Bootstrap');
  const identityKey = PrivateKey.fromHex(env.SERVER_PRIVATE_KEY!).toPublicKey().toString();
  if (generatedKeyFile) log.warn(`No SERVER_PRIVATE_KEY set: generated one in ${generatedKeyFile}`);
  log.log(`Server identity key: ${identityKey}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.log(
      `${signal} received: not ready, draining for ${env.SHUTDOWN_DRAIN_SECONDS} s, then ` +
        'finishing in-flight requests and shutting down',
    );
    closeGracefully(app, env.SHUTDOWN_GRACE_SECONDS * 1000, env.SHUTDOWN_DRAIN_SECONDS * 1000).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen(env.PORT, env.HOST);
  youngGenerationMayGrow();
  log.log(`Listening on http://${env.HOST}:${env.PORT} (database: ${env.DB_DRIVER})`);
  if (sqliteLock) log.log(`Holding the SQLite instance lock on ${env.DB_SOURCE}`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
