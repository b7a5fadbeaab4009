import { Logger, Module } from '@nestjs/common';
import { cert } from 'firebase-admin/app';
import { PushConfig } from '../config/configuration';
import { DevicesModule } from '../devices/devices.module';
import { MetricsModule } from '../operations/metrics/metrics.module';
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
      inject: [PushConfig],
      useFactory: (push: PushConfig) => {
        const settings = push.firebase!;
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
