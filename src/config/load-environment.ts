import { config as loadDotenv } from 'dotenv';
import { existsSync } from 'node:fs';
import { loadOrCreateDevServerKey } from './dev-server-key';
import { EnvironmentVariables, NodeEnv } from './environment-variables';
import { validateEnvironment } from './validate-environment';

export interface LoadedEnvironment {
  env: EnvironmentVariables;
  /** Set when a development key was generated during this start (for one log line). */
  generatedKeyFile?: string;
}

/**
 * The only reader of process.env: merges `.env` (never overriding real variables), validates,
 * and in development fills in a persistent local server key when none is configured.
 */
export function loadEnvironment(
  raw: NodeJS.ProcessEnv = process.env,
  dotenvPath = '.env',
  /** false for tools that never sign anything (the admin CLI): no key file is created. */
  generateDevKey = true,
): LoadedEnvironment {
  if (raw === process.env && existsSync(dotenvPath)) loadDotenv({ path: dotenvPath, quiet: true });
  const env = validateEnvironment(raw);
  if (env.SERVER_PRIVATE_KEY) {
    env.SERVER_PRIVATE_KEY = env.SERVER_PRIVATE_KEY.toLowerCase();
    return { env };
  }
  if (!generateDevKey) return { env };
  // validateEnvironment already refused a missing key in production.
  const { key, created } = loadOrCreateDevServerKey(env.DEV_KEY_FILE);
  env.SERVER_PRIVATE_KEY = key;
  return {
    env,
    generatedKeyFile: created && env.NODE_ENV !== NodeEnv.Test ? env.DEV_KEY_FILE : undefined,
  };
}
