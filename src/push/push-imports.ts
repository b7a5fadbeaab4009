import { Type } from '@nestjs/common';
import { EnvironmentVariables } from '../config/environment-variables';
import { firebaseSettings } from '../config/firebase-settings';

/** Whether push notifications are on (the start-up summary says which). */
export function pushEnabled(env: EnvironmentVariables): boolean {
  return firebaseSettings(env) !== undefined;
}

/**
 * [PushModule] when push is on; otherwise nothing. The module is required lazily:
 * firebase-admin costs ~16 MB of memory that a server without push never needs.
 */
export function pushImports(env: EnvironmentVariables): Type[] {
  if (!pushEnabled(env)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PushModule } = require('./push.module') as typeof import('./push.module');
  return [PushModule];
}
