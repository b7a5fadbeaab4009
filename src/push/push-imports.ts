import { Type } from '@nestjs/common';
import { EnvironmentVariables } from '../config/environment-variables';
import { configurationOf } from '../config/configuration';

/** Whether push notifications are on (the start-up summary says which). */
export function pushEnabled(env: EnvironmentVariables): boolean {
  return configurationOf(env).push.firebase !== undefined;
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
