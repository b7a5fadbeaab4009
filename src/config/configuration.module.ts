import { DynamicModule, Global, Module } from '@nestjs/common';
import { configurationOf } from './configuration';
import { EnvironmentVariables } from './environment-variables';

/**
 * Provides each configuration namespace (configuration.ts) under its class. Global because
 * configuration is infrastructure every module reads, like the logger.
 */
@Global()
@Module({})
export class ConfigurationModule {
  static forRoot(env: EnvironmentVariables): DynamicModule {
    const configuration = configurationOf(env);
    const providers = Object.values(configuration).map((namespace: object) => ({
      provide: namespace.constructor,
      useValue: namespace,
    }));
    return { module: ConfigurationModule, providers, exports: providers.map((p) => p.provide) };
  }
}
