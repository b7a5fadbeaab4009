import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigError } from './config-error';
import { DbDriver, EnvironmentVariables, NodeEnv } from './environment-variables';
import { parseFiles } from './configuration';

function describe(errors: ValidationError[]): string[] {
  return errors.map((e) => {
    const messages = Object.values(e.constraints ?? {});
    const unique = [...new Set(messages)];
    return unique.length > 0 ? unique.join('; ') : `${e.property} is invalid`;
  });
}

/** Empty strings in the environment mean "not set", as in most deployment tools. */
function dropEmpty(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== '' && v !== undefined) out[k] = v;
  return out;
}

/**
 * Validates the raw environment once and returns typed settings. Every bad variable is listed in
 * one ConfigError; nothing else is thrown for configuration mistakes.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input = dropEmpty(raw);
  if (input.DB_SOURCE === undefined && input.DATABASE_URL !== undefined) {
    input.DB_SOURCE = input.DATABASE_URL;
  }
  const env = plainToInstance(EnvironmentVariables, input);
  const problems = describe(validateSync(env, { skipMissingProperties: false }));
  if (env.NODE_ENV === NodeEnv.Production && input.SERVER_PRIVATE_KEY === undefined) {
    problems.push('SERVER_PRIVATE_KEY is required when NODE_ENV=production (64 hex characters)');
  }
  if (env.DB_DRIVER === DbDriver.Mysql && !/^mysql:\/\/.+/.test(env.DB_SOURCE)) {
    problems.push('DB_SOURCE must be a mysql:// URL when DB_DRIVER=mysql');
  }
  problems.push(...parseFiles(env));
  if (problems.length > 0) throw new ConfigError(problems);
  if (input.PORT === undefined && env.HTTP_PORT !== undefined) env.PORT = env.HTTP_PORT;
  return env;
}
