import { Type } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { EnvironmentVariables } from '../../src/config/environment-variables';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  env: EnvironmentVariables;
  close(): Promise<void>;
}

/** Boots the real AppModule with the production wiring on a random loopback port. */
export async function createTestApp(
  env: EnvironmentVariables,
  extraModules: Type[] = [],
  listenPort = 0,
  /** Replaces providers that reach outside the machine (e.g. Firebase options). */
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<TestApp> {
  const moduleRef = await override(
    Test.createTestingModule({ imports: [AppModule.forRoot(env), ...extraModules] }),
  ).compile();
  const app = configureApp(
    moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false }),
  );
  await app.listen(listenPort, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, env, close: () => app.close() };
}
