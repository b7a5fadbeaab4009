import { Logger, Type } from '@nestjs/common';
import { EnvironmentVariables } from '../config/environment-variables';
import { firebaseSettings } from '../config/firebase-settings';

/**
 * [PushModule] when Firebase is configured; otherwise nothing, said once in the log. The module
 * is required lazily: firebase-admin costs ~16 MB of memory that a server without push never needs.
 */
export function pushImports(env: EnvironmentVariables): Type[] {
  if (!firebaseSettings(env)) {
    new Logger('Push').log('Push notifications off (no FIREBASE_PROJECT_ID and service account)');
    return [];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PushModule } = require('./push.module') as typeof import('./push.module');
  return [PushModule];
}
