import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import { EventsModule } from './common/events/events.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { RedisModule } from './common/redis/redis.module';
import { ConfigurationModule } from './config/configuration.module';
import { EnvironmentVariables } from './config/environment-variables';
import { DatabaseModule } from './database/database.module';
import { DevicesModule } from './devices/devices.module';
import { HealthModule } from './operations/health/health.module';
import { LoggingModule } from './operations/logging/logging.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './operations/metrics/metrics.module';
import { PermissionsModule } from './permissions/permissions.module';
import { pushImports } from './push/push-imports';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RealtimeModule } from './realtime/realtime.module';
import { RetentionModule } from './operations/retention/retention.module';

@Module({})
export class AppModule {
  /**
   * The environment is validated before the module is built (main.ts, tests), so a bad variable
   * stops start-up with one clear message and tests can boot apps with their own settings.
   */
  static forRoot(env: EnvironmentVariables): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigurationModule.forRoot(env),
        LoggingModule,
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        EventsModule,
        DatabaseModule,
        RedisModule,
        MetricsModule,
        AuthModule,
        // After AuthModule, so that its guard answers unauthenticated calls before the limiter.
        RateLimitModule,
        HealthModule,
        MessagesModule,
        PermissionsModule,
        DevicesModule,
        ...pushImports(env),
        ...(env.ENABLE_WEBSOCKETS ? [RealtimeModule] : []),
        ...(env.MESSAGE_RETENTION_DAYS > 0 ? [RetentionModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
