import { Logger, Type } from '@nestjs/common';
import { EnvironmentVariables } from '../config/environment-variables';
import { firebaseSettings } from '../config/firebase-settings';
import { PushModule } from './push.module';

/** [PushModule] when Firebase is configured; otherwise nothing, said once in the log. */
export function pushImports(env: EnvironmentVariables): Type[] {
  if (firebaseSettings(env)) return [PushModule];
  new Logger('Push').log('Push notifications off (no FIREBASE_PROJECT_ID and service account)');
  return [];
}
