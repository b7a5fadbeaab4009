import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { cert } from 'firebase-admin/app';
import { EnvironmentVariables } from '../config/environment-variables';
import { firebaseSettings, FirebaseVariables } from '../config/firebase-settings';
import { DevicesModule } from '../devices/devices.module';
import { MetricsModule } from '../metrics/metrics.module';
import { FIREBASE_APP_OPTIONS } from './firebase-app-options';
import { FirebasePushSender } from './firebase-push-sender';
import { PushListener } from './push.listener';
import { PushMetrics } from './push-metrics';
import { PushSender } from './push-sender';

/** Push notifications through FCM. AppModule imports it only when Firebase is configured. */
@Module({
  imports: [DevicesModule, MetricsModule],
  providers: [
    {
      provide: FIREBASE_APP_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => {
        const settings = firebaseSettings(firebaseVariables(config))!;
        new Logger('Push').debug(`Push notifications on (Firebase project ${settings.projectId})`);
        return {
          projectId: settings.projectId,
          credential: cert({
            projectId: settings.serviceAccount.project_id ?? settings.projectId,
            clientEmail: settings.serviceAccount.client_email,
            privateKey: settings.serviceAccount.private_key,
          }),
        };
      },
    },
    { provide: PushSender, useClass: FirebasePushSender },
    PushListener,
    PushMetrics,
  ],
  exports: [PushListener],
})
export class PushModule {}

export function firebaseVariables(
  config: ConfigService<EnvironmentVariables, true>,
): FirebaseVariables {
  return {
    FIREBASE_PROJECT_ID: config.get('FIREBASE_PROJECT_ID', { infer: true }),
    FIREBASE_SERVICE_ACCOUNT_JSON: config.get('FIREBASE_SERVICE_ACCOUNT_JSON', { infer: true }),
    FIREBASE_SERVICE_ACCOUNT_PATH: config.get('FIREBASE_SERVICE_ACCOUNT_PATH', { infer: true }),
    ENABLE_FIREBASE: config.get('ENABLE_FIREBASE', { infer: true }),
  };
}
